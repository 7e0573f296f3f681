package io.documind.org.membership;

import io.documind.contracts.events.MemberRolesChanged;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.ProblemException;
import io.documind.org.authority.AuthorityVersions;
import io.documind.org.authority.AuthorityVersions.InOrganization;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * MemberRolesChanged, with a raised authority version, for a member whose roles changed or whose roles' meaning
 * did: a template edit that takes a scope from a role (or a role or scope away) shrinks every holder's authority
 * as surely as a role change does, so its holders are announced the same way; and for every member of an
 * organization that starts requiring MFA, with the roles unchanged. Runs in the caller's transaction.
 */
@Singleton
public class MemberAnnouncements {

    /** A member of one organization. */
    @Introspected
    public record MemberRef(UUID organizationId, String userId) {
    }

    /** Members announced per read and per batch of outbox rows: bounds the memory one batch takes. */
    static final int BATCH = 500;

    private final MembershipRepository memberships;
    private final AuthorityVersions versions;
    private final Outbox outbox;

    public MemberAnnouncements(MembershipRepository memberships, AuthorityVersions versions, Outbox outbox) {
        this.memberships = memberships;
        this.versions = versions;
        this.outbox = outbox;
    }

    /** Announces the member's roles as they now are, with a raised version; returns the member with them. */
    public Member rolesChanged(UUID organizationId, String userId) {
        // A removal that committed while this waited on the version: the member is gone, as a 404 says.
        return announce(organizationId, userId).orElseThrow(() -> ProblemException.notFound("Member"));
    }

    /**
     * Announces each of these members (those still members; a deleted role leaves the membership), as
     * {@link #rolesChanged(UUID, String)} does one. A template edit announces every holder of a role in every
     * organization, so this works in a few statements per {@value #BATCH} members rather than five per member
     * (the raise, the roles, the scopes, the outbox row, the floor): this transaction holds the edit's locks.
     */
    public void rolesChanged(List<MemberRef> members) {
        List<InOrganization> subjects = members.stream()
                .map(m -> new InOrganization(m.organizationId(), m.userId())).distinct().toList();
        // All raised first, in one statement, as announce() raises before it reads (see there).
        Map<InOrganization, Long> raised = versions.raise(subjects);
        for (int from = 0; from < subjects.size(); from += BATCH) {
            List<InOrganization> batch = subjects.subList(from, Math.min(from + BATCH, subjects.size()));
            List<MemberRolesChanged> events = memberships.rolesAndScopes(
                    batch.stream().map(m -> m.organizationId().toString()).toArray(String[]::new),
                    batch.stream().map(InOrganization::subject).toArray(String[]::new)).stream()
                    .map(m -> new MemberRolesChanged(m.organizationId().toString(), m.userId(), List.of(m.roles()),
                            List.of(m.scopes()), raised.get(new InOrganization(m.organizationId(), m.userId()))))
                    .toList();
            outbox.appendAll(events);
        }
    }

    /**
     * Announces every member of the organization: its members' authority shrank as a whole (it now requires MFA,
     * which none of them can have), so no member's older organization token may outlive the change.
     */
    public void everyMember(UUID organizationId) {
        rolesChanged(memberships.memberRefs(organizationId));
    }

    /** The member as announced, or empty (and nothing announced) when it is no longer one. */
    private Optional<Member> announce(UUID organizationId, String userId) {
        // Raised before the roles are read: the raise locks the version row until commit, so another transaction
        // changing this member's roles at once either committed before the read (and is seen) or waits and then
        // announces a higher version with our change in it. Read first, the higher version could carry stale roles.
        long version = versions.raise(userId, organizationId);
        Optional<Member> member = memberships.member(organizationId, userId);
        member.ifPresent(m -> outbox.append(new MemberRolesChanged(organizationId.toString(), userId, m.roleNames(),
                memberships.scopesOf(organizationId, userId).orElse(List.of()), version)));
        return member;
    }
}
