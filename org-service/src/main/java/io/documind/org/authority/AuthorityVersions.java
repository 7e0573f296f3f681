package io.documind.org.authority;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The authority versions org-service issues (DESIGN §4): one per subject (user or application) and one per
 * (subject, organization). {@link #raise} runs in the caller's transaction, the one that shrinks the authority and
 * records its event, so the new version exists exactly when the change does. Versions only grow; an absent row is
 * {@link #INITIAL}.
 *
 * <p>Readers never ask for a version on its own: each query that reads what a token is built from (a user, an
 * application, a member's scopes) selects its version (the constants below) in the same statement, so the
 * version and the state come from one snapshot. Read apart, a change committing in between
 * could pair the old, larger scopes with the new version: a token no service would ever refuse.
 */
@Singleton
public class AuthorityVersions {

    public static final long INITIAL = 1;

    /** The subject version of the user aliased {@code u}, as a constant a repository's query can hold. */
    public static final String USER_VERSION = "COALESCE((SELECT sv.version FROM subject_authority_version sv"
            + " WHERE sv.subject = u.id), " + INITIAL + ")";

    /** The subject version of the application aliased {@code a}, likewise. */
    public static final String APPLICATION_VERSION = "COALESCE((SELECT sv.version FROM subject_authority_version sv"
            + " WHERE sv.subject = a.id), " + INITIAL + ")";

    /**
     * The (subject, organization) version of the application in the organization_application row aliased
     * {@code oa}, as a constant a repository's query can hold.
     */
    public static final String APPLICATION_ORGANIZATION_VERSION = "COALESCE((SELECT ov.version"
            + " FROM organization_authority_version ov"
            + " WHERE ov.subject = oa.application_id AND ov.organization_id = oa.organization_id), " + INITIAL + ")";

    private final AuthorityVersionRepository repository;

    public AuthorityVersions(AuthorityVersionRepository repository) {
        this.repository = repository;
    }

    /** Raises the subject's version (user or application); returns the new one for its event. */
    public long raise(String subject) {
        return repository.raise(subject, INITIAL + 1);
    }

    /** Raises the version of (subject, organization); returns the new one for its event. */
    public long raise(String subject, UUID organizationId) {
        return repository.raise(subject, organizationId, INITIAL + 1);
    }

    /** A subject in one organization. */
    public record InOrganization(UUID organizationId, String subject) {

        /** The organizations of these, in order, as a query's {@code uuid[]} parameter (text, cast in SQL). */
        public static String[] organizationIds(List<InOrganization> all) {
            return all.stream().map(s -> s.organizationId().toString()).toArray(String[]::new);
        }

        /** The subjects of these, in order, beside {@link #organizationIds}. */
        public static String[] subjects(List<InOrganization> all) {
            return all.stream().map(InOrganization::subject).toArray(String[]::new);
        }
    }

    /**
     * Raises the version of each (subject, organization) with one statement, locking them in (organization, subject)
     * order; returns the new versions for their events.
     */
    public Map<InOrganization, Long> raise(Collection<InOrganization> subjects) {
        List<InOrganization> distinct = subjects.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        String[] ids = InOrganization.subjects(distinct);
        String[] organizations = InOrganization.organizationIds(distinct);
        Map<InOrganization, Long> raised = new HashMap<>();
        repository.raiseAll(ids, organizations, INITIAL + 1);
        for (AuthorityVersionRepository.Raised r : repository.versionsOf(ids, organizations)) {
            raised.put(new InOrganization(r.organizationId(), r.subject()), r.version());
        }
        return raised;
    }

    /**
     * The newest version of (subject, organization) announced in a member's MembershipRemoved or MemberRolesChanged
     * ({@link AnnouncedMemberVersions}), 0 when none was. It can be below the version: a raise whose member was
     * removed meanwhile announces nothing.
     */
    public long announced(String subject, UUID organizationId) {
        return repository.announced(subject, organizationId);
    }
}
