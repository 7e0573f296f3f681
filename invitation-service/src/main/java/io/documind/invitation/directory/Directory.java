package io.documind.invitation.directory;

import io.documind.kit.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * What invitation-service knows of org-service's world: organizations, their members, users and the
 * template's roles. Local read models, written only by org-service's events (the handlers in this package).
 * Runs on the caller's transaction.
 */
@Singleton
public class Directory {

    private final Sql sql;

    public Directory(Sql sql) {
        this.sql = sql;
    }

    public Optional<KnownOrganization> organization(String organizationId) {
        return sql.one("SELECT id, name, deleted FROM organization_view WHERE id = ?",
                rs -> new KnownOrganization(rs.getString("id"), rs.getString("name"), rs.getBoolean("deleted")),
                organizationId);
    }

    /** The organization's name, also once deleted (old invitations still show it); null when never heard of. */
    @Nullable
    public String organizationName(String organizationId) {
        return organization(organizationId).map(KnownOrganization::name).orElse(null);
    }

    /** Creates or renames; a deleted organization stays deleted. */
    public void rememberOrganization(String organizationId, String name) {
        sql.update("""
                INSERT INTO organization_view (id, name) VALUES (?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE NOT organization_view.deleted""",
                organizationId, name);
    }

    /** Keeps a tombstone (and the name, for old invitations' landing pages); forgets the members. */
    public void forgetOrganization(String organizationId) {
        sql.update("""
                INSERT INTO organization_view (id, name, deleted) VALUES (?, ?, true)
                ON CONFLICT (id) DO UPDATE SET deleted = true""", organizationId, organizationId);
        sql.update("DELETE FROM member_view WHERE organization_id = ?", organizationId);
    }

    /**
     * The member with its email as the newest user event says, when one arrived (user events and membership events
     * travel on different keys, so either may come first); else the membership event's.
     */
    public void rememberMember(String organizationId, String userId, String email) {
        sql.update("""
                INSERT INTO member_view (organization_id, user_id, email)
                VALUES (?, ?, COALESCE((SELECT email FROM user_view WHERE id = ? AND NOT deleted), ?))
                ON CONFLICT (organization_id, user_id) DO UPDATE SET email = COALESCE(excluded.email, member_view.email)""",
                organizationId, userId, userId, email);
    }

    public void forgetMember(String organizationId, String userId) {
        sql.update("DELETE FROM member_view WHERE organization_id = ? AND user_id = ?", organizationId, userId);
    }

    public Optional<KnownMember> member(String organizationId, String userId) {
        return sql.one("SELECT user_id, email FROM member_view WHERE organization_id = ? AND user_id = ?",
                rs -> new KnownMember(rs.getString("user_id"), rs.getString("email")), organizationId, userId);
    }

    /** Case-insensitive, as email addresses are compared everywhere in this service. */
    public boolean isMemberByEmail(String organizationId, String email) {
        return sql.one("SELECT 1 FROM member_view WHERE organization_id = ? AND lower(email) = lower(?) LIMIT 1",
                rs -> true, organizationId, email).isPresent();
    }

    /**
     * Creates or updates; a deleted user stays deleted (user events may arrive out of order). The user's
     * memberships follow its email: "is the invitee already a member?" is asked by email.
     */
    public void rememberUser(String userId, String email) {
        int known = sql.update("""
                INSERT INTO user_view (id, email) VALUES (?, ?)
                ON CONFLICT (id) DO UPDATE SET email = excluded.email WHERE NOT user_view.deleted""", userId, email);
        if (known > 0) {
            sql.update("UPDATE member_view SET email = ? WHERE user_id = ?", email, userId);
        }
    }

    public void forgetUser(String userId) {
        sql.update("""
                INSERT INTO user_view (id, deleted) VALUES (?, true)
                ON CONFLICT (id) DO UPDATE SET deleted = true, email = NULL""", userId);
    }

    /** An existing (not deleted) user. */
    public Optional<KnownUser> user(String userId) {
        return sql.one("SELECT id, email FROM user_view WHERE id = ? AND NOT deleted",
                rs -> new KnownUser(rs.getString("id"), rs.getString("email")), userId);
    }

    public List<TemplateRole> templateRoles() {
        return sql.list("SELECT id, name, scopes FROM role_view ORDER BY position",
                rs -> new TemplateRole(rs.getString("id"), rs.getString("name"), Sql.strings(rs, "scopes")));
    }

    /** The template is sent whole on every change, so it replaces what we had. */
    public void replaceTemplate(List<TemplateRole> roles) {
        sql.update("DELETE FROM role_view");
        int position = 0;
        for (TemplateRole role : roles) {
            sql.update("INSERT INTO role_view (name, id, scopes, position) VALUES (?, ?, ?, ?)",
                    role.name(), role.id(), role.scopes().toArray(String[]::new), ++position);
        }
    }
}
