package io.documind.org.membership;

import io.documind.contracts.events.MemberRolesChanged;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.web.ProblemException;
import io.documind.org.authority.AuthorityVersions;
import io.documind.org.authority.AuthorityVersions.InOrganization;
import io.documind.org.authority.HolderAnnouncements;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;

import java.util.List;
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

    private final MembershipRepository memberships;
    private final AuthorityVersions versions;
    private final Outbox outbox;
    private final HolderAnnouncements holders;

    public MemberAnnouncements(MembershipRepository memberships, AuthorityVersions versions, Outbox outbox,
                               HolderAnnouncements holders) {
        this.memberships = memberships;
        this.versions = versions;
        this.outbox = outbox;
        this.holders = holders;
    }

    /** Announces the member's roles as they now are, with a raised version; returns the member with them. */
    public Member rolesChanged(UUID organizationId, String userId) {
        // A removal that committed while this waited on the version: the member is gone, as a 404 says.
        return announce(organizationId, userId).orElseThrow(() -> ProblemException.notFound("Member"));
    }

    /**
     * Announces each of these members (those still members; a deleted role leaves the membership), as
     * {@link #rolesChanged(UUID, String)} does one, in batches ({@link HolderAnnouncements}).
     */
    public void rolesChanged(List<MemberRef> members) {
        holders.announce(members.stream().map(m -> new InOrganization(m.organizationId(), m.userId())).toList(),
                (batch, raised) -> memberships.rolesAndScopes(InOrganization.organizationIds(batch),
                        InOrganization.subjects(batch)).stream()
                        .map(m -> new MemberRolesChanged(m.organizationId().toString(), m.userId(),
                                List.of(m.roles()), List.of(m.scopes()),
                                raised.get(new InOrganization(m.organizationId(), m.userId()))))
                        .toList());
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
