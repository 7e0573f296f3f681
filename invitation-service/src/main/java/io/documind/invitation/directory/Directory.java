package io.documind.invitation.directory;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What invitation-service knows of org-service's world: organizations, their members, users and the
 * template's roles. Local read models, written only by org-service's events (the handlers in this package).
 * Runs on the caller's transaction; the statements are in the four repositories, the rules that tie the
 * read models together here.
 */
@Singleton
public class Directory {

    private final OrganizationViews organizations;
    private final MemberViews members;
    private final UserViews users;
    private final TemplateRoles roles;

    Directory(OrganizationViews organizations, MemberViews members, UserViews users, TemplateRoles roles) {
        this.organizations = organizations;
        this.members = members;
        this.users = users;
        this.roles = roles;
    }

    public Optional<KnownOrganization> organization(String organizationId) {
        return organizations.findById(organizationId);
    }

    /**
     * The organization, its row held against {@link #forgetOrganization} until the caller's transaction ends. An
     * invitation is created under it: a deletion arriving meanwhile waits for the invitation to commit and then
     * revokes it with the other pending ones, instead of missing it (its revocation cannot see an uncommitted row)
     * and leaving a live invitation to an organization that no longer exists.
     */
    public Optional<KnownOrganization> organizationHeldAgainstDeletion(String organizationId) {
        return organizations.findByIdForShare(organizationId);
    }

    /** The organization's name, also once deleted (old invitations still show it); null when never heard of. */
    @Nullable
    public String organizationName(String organizationId) {
        return organization(organizationId).map(KnownOrganization::name).orElse(null);
    }

    /** Creates or renames; a deleted organization stays deleted. */
    public void rememberOrganization(String organizationId, String name) {
        organizations.remember(organizationId, name);
    }

    /** Keeps a tombstone (and the name, for old invitations' landing pages); forgets the members. */
    public void forgetOrganization(String organizationId) {
        organizations.markDeleted(organizationId);
        members.forgetAllOf(organizationId);
        members.forgetChangesOf(organizationId);
    }

    /** The member with its email as the newest user event says, when one arrived; else the membership event's. */
    public void rememberMember(String organizationId, String userId, String email, List<String> roles) {
        users.holdAddress(userId); // as rememberUser: one of the two sees the other's address
        members.remember(organizationId, userId, email, roles.toArray(String[]::new));
    }

    /** The member's new roles, and {@code version} (its event's) as the newest change of the membership applied. */
    public void changeMemberRoles(String organizationId, String userId, List<String> roles, long version) {
        members.changeRoles(organizationId, userId, roles.toArray(String[]::new));
        members.changeApplied(organizationId, userId, version);
    }

    /** Forgets the member, keeping {@code version} (its removal's) as the newest change of the membership applied. */
    public void forgetMember(String organizationId, String userId, long version) {
        members.forget(organizationId, userId);
        members.changeApplied(organizationId, userId, version);
    }

    /** Counts {@code version} as a change of the membership applied here (an older one lowers nothing). */
    public void memberChangeApplied(String organizationId, String userId, long version) {
        members.changeApplied(organizationId, userId, version);
    }

    /**
     * The authority version of the newest removal or role change of the user's membership applied here, 0 when
     * none: what an acceptance was decided on (InvitationAccepted's {@code inviteeVersion}).
     */
    public long newestMemberChange(String organizationId, String userId) {
        return members.newestChange(organizationId, userId);
    }

    public Optional<KnownMember> member(String organizationId, String userId) {
        return members.findByOrganizationIdAndUserId(organizationId, userId);
    }

    /**
     * The member's email as this service knows it: the member view's, else the user's (a sign-up's UserCreated
     * may arrive before its MembershipCreated, and an organization token may act before either).
     */
    public Optional<String> emailOf(String organizationId, String userId) {
        return member(organizationId, userId).map(KnownMember::email)
                .or(() -> user(userId).map(KnownUser::email));
    }

    /** Case-insensitive, as email addresses are compared everywhere in this service. */
    public boolean isMemberByEmail(String organizationId, String email) {
        return members.existsByEmail(organizationId, email);
    }

    /**
     * Creates or updates; a deleted user stays deleted (user events may arrive out of order). The user's
     * memberships follow its email: "is the invitee already a member?" is asked by email.
     */
    public void rememberUser(String userId, String email) {
        users.holdAddress(userId);
        if (users.remember(userId, email) > 0) {
            members.changeEmail(userId, email);
        }
    }

    public void forgetUser(String userId) {
        users.markDeleted(userId);
    }

    /** An existing (not deleted) user. */
    public Optional<KnownUser> user(String userId) {
        return users.findLive(userId);
    }

    public List<TemplateRole> templateRoles() {
        return roles.findAllInOrder();
    }

    /** The resource scope ids the member's roles carry (GrantRule's held side for an organization token). */
    public Set<String> resourceScopesHeldBy(String organizationId, String userId) {
        return Set.copyOf(roles.resourceScopesHeldBy(organizationId, userId));
    }

    /**
     * The template is sent whole on every change, so it replaces what we had. A role sent without its resource
     * scopes (null: an org-service older than them, during a rolling upgrade) keeps those we knew, so such an event
     * cannot erase what "grant only what you hold" weighs. A role renamed (same id, new name) is renamed in the
     * member view's roles too, which org-service does not announce per member.
     */
    public void replaceTemplate(List<TemplateRole> template) {
        List<TemplateRole> before = roles.findAllInOrder();
        Map<String, TemplateRole> beforeById = new HashMap<>();
        Map<String, TemplateRole> beforeByName = new HashMap<>();
        for (TemplateRole role : before) {
            if (role.id() != null) {
                beforeById.put(role.id(), role);
            }
            beforeByName.put(role.name(), role);
        }
        List<String> oldNames = new ArrayList<>();
        List<String> newNames = new ArrayList<>();
        roles.deleteAll();
        int position = 0;
        for (TemplateRole role : template) {
            TemplateRole was = role.id() != null && beforeById.containsKey(role.id()) ? beforeById.get(role.id())
                    : beforeByName.get(role.name());
            List<String> resourceScopes = role.resourceScopes() != null ? role.resourceScopes()
                    : was != null ? was.resourceScopes() : List.of();
            roles.insert(role.name(), role.id(), role.scopes().toArray(String[]::new),
                    resourceScopes.toArray(String[]::new), ++position);
            if (was != null && role.id() != null && role.id().equals(was.id()) && !role.name().equals(was.name())) {
                oldNames.add(was.name());
                newNames.add(role.name());
            }
        }
        if (!oldNames.isEmpty()) {
            members.renameRoles(oldNames.toArray(String[]::new), newNames.toArray(String[]::new));
        }
    }
}
