package io.documind.invitation.directory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Organizations' members; their emails follow the newest user event. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MemberViews extends GenericRepository<KnownMember, String> {

    Optional<KnownMember> findByOrganizationIdAndUserId(String organizationId, String userId);

    /** Case-insensitive, as email addresses are compared everywhere in this service. */
    @Query("SELECT EXISTS (SELECT 1 FROM member_view WHERE organization_id = :organizationId AND lower(email) = lower(:email))")
    boolean existsByEmail(String organizationId, String email);

    /**
     * The email as the newest user event says, when one arrived (user events and membership events travel on
     * different keys, so either may come first); else the membership event's. The roles are the membership's.
     */
    @Query("""
            INSERT INTO member_view (organization_id, user_id, email, roles)
            VALUES (:organizationId, :userId,
                    COALESCE((SELECT email FROM user_view WHERE id = :userId AND NOT deleted), :email), :roles)
            ON CONFLICT (organization_id, user_id) DO UPDATE
                SET email = COALESCE(excluded.email, member_view.email), roles = excluded.roles""")
    void remember(String organizationId, String userId, @Nullable String email, String[] roles);

    @Query("UPDATE member_view SET roles = :roles WHERE organization_id = :organizationId AND user_id = :userId")
    void changeRoles(String organizationId, String userId, String[] roles);

    /** Renames roles in every member's list at once (the i-th old name becomes the i-th new one; swaps work). */
    @Query("""
            UPDATE member_view SET roles = ARRAY(
                SELECT COALESCE(m.new_name, r.name)
                FROM unnest(roles) WITH ORDINALITY AS r(name, i)
                LEFT JOIN unnest(CAST(:oldNames AS TEXT[]), CAST(:newNames AS TEXT[])) AS m(old_name, new_name)
                       ON m.old_name = r.name
                ORDER BY r.i)
            WHERE roles && CAST(:oldNames AS TEXT[])""")
    void renameRoles(String[] oldNames, String[] newNames);

    /**
     * Whether the user is a member holding every wanted role that the template still has (a role deleted since an
     * invitation named it is granted by no one), under its current name: the i-th role is {@code roleIds[i]} when
     * that is known (org-service grants by id, so a role renamed since is still granted, and one that took its old
     * name is not), else the template role named {@code roleNames[i]}. A member remembered before roles were kept
     * (NULL) counts as holding them.
     */
    @Query("""
            SELECT EXISTS (SELECT 1 FROM member_view
                           WHERE organization_id = :organizationId AND user_id = :userId
                             AND (roles IS NULL OR roles @> ARRAY(
                                 SELECT COALESCE(by_id.name, by_name.name)
                                 FROM unnest(CAST(:roleIds AS TEXT[]), CAST(:roleNames AS TEXT[])) AS w(id, name)
                                 LEFT JOIN role_view by_id ON by_id.id = w.id
                                 LEFT JOIN role_view by_name ON by_name.name = w.name
                                                            AND (w.id IS NULL OR by_name.id IS NULL)
                                 WHERE COALESCE(by_id.name, by_name.name) IS NOT NULL)))""")
    boolean holds(String organizationId, String userId, String[] roleIds, String[] roleNames);

    @Query("UPDATE member_view SET email = :email WHERE user_id = :userId")
    void changeEmail(String userId, @Nullable String email);

    @Query("DELETE FROM member_view WHERE organization_id = :organizationId AND user_id = :userId")
    void forget(String organizationId, String userId);

    @Query("DELETE FROM member_view WHERE organization_id = :organizationId")
    void forgetAllOf(String organizationId);

    /** Records a change of the membership as applied; an older version (a replay) lowers nothing. */
    @Query("""
            INSERT INTO member_change AS c (organization_id, user_id, version)
            VALUES (:organizationId, :userId, :version)
            ON CONFLICT (organization_id, user_id) DO UPDATE SET version = GREATEST(c.version, EXCLUDED.version)""")
    void changeApplied(String organizationId, String userId, long version);

    /** The version of the newest change of the membership applied here; 0 when none. */
    @Query("""
            SELECT COALESCE((SELECT version FROM member_change
                             WHERE organization_id = :organizationId AND user_id = :userId), 0)""")
    long newestChange(String organizationId, String userId);

    @Query("DELETE FROM member_change WHERE organization_id = :organizationId")
    void forgetChangesOf(String organizationId);
}
