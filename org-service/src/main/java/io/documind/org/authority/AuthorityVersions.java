package io.documind.org.authority;

import io.documind.kit.jdbc.Sql;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * The authority versions org-service issues (DESIGN §4): one per subject (user or application) and one per
 * (subject, organization). {@link #raise} runs in the caller's transaction, the one that shrinks the authority and
 * records its event, so the new version exists exactly when the change does. Versions only grow; an absent row is
 * {@link #INITIAL}.
 *
 * <p>Readers never ask for a version on its own: each query that reads what a token is built from (a user, an
 * application, a member's scopes) selects {@link #subjectVersion} or {@link #organizationVersion} in the same
 * statement, so the version and the state come from one snapshot. Read apart, a change committing in between
 * could pair the old, larger scopes with the new version: a token no service would ever refuse.
 */
@Singleton
public class AuthorityVersions {

    public static final long INITIAL = 1;

    /** SQL for a query's select list: the subject version of the subject in {@code subjectColumn}. */
    public static String subjectVersion(String subjectColumn) {
        return "COALESCE((SELECT sv.version FROM subject_authority_version sv WHERE sv.subject = %s), %d)"
                .formatted(subjectColumn, INITIAL);
    }

    /** SQL for a query's select list: the version of (subject, organization) in the two columns named. */
    public static String organizationVersion(String subjectColumn, String organizationColumn) {
        return ("COALESCE((SELECT ov.version FROM organization_authority_version ov"
                + " WHERE ov.subject = %s AND ov.organization_id = %s), %d)")
                .formatted(subjectColumn, organizationColumn, INITIAL);
    }

    private final Sql sql;

    public AuthorityVersions(Sql sql) {
        this.sql = sql;
    }

    /** Raises the subject's version (user or application); returns the new one for its event. */
    public long raise(String subject) {
        // One statement: concurrent raises queue on the row lock and each gets its own, larger number.
        return sql.one("""
                INSERT INTO subject_authority_version AS v (subject, version) VALUES (?, ?)
                ON CONFLICT (subject) DO UPDATE SET version = v.version + 1, raised_at = now()
                RETURNING version""", rs -> rs.getLong(1), subject, INITIAL + 1).orElseThrow();
    }

    /** Raises the version of (subject, organization); returns the new one for its event. */
    public long raise(String subject, UUID organizationId) {
        return sql.one("""
                INSERT INTO organization_authority_version AS v (subject, organization_id, version) VALUES (?, ?, ?)
                ON CONFLICT (subject, organization_id) DO UPDATE SET version = v.version + 1, raised_at = now()
                RETURNING version""", rs -> rs.getLong(1), subject, organizationId, INITIAL + 1).orElseThrow();
    }
}
