package io.documind.org.membership;

import io.documind.contracts.events.Actor;
import io.documind.kit.grants.GrantRule;
import io.documind.org.application.ApplicationRepository;
import io.documind.org.application.OrganizationApplicationRepository;
import io.documind.org.application.OrganizationApplicationRepository.ApplicationAuthority;
import io.documind.org.identity.User;
import io.documind.org.identity.UserRepository;
import io.documind.org.template.OrganizationRole;
import io.documind.org.template.TemplateService;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whether the member or application whose organization token vouched for an invitation (InvitationAccepted's
 * {@code grantorId}) still holds the roles it grants, in org-service's own tables as they are when the acceptance is
 * applied. invitation-service revokes what a grantor can no longer grant, but only once it hears of the change: an
 * acceptance in that time (milliseconds normally; as long as its consumer is behind) would otherwise let a removed
 * Admin come back as the Admin it invited. This is the same rule ({@link GrantRule}) at the moment of the grant.
 */
@Singleton
class InvitationGrantor {

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final ApplicationRepository applications;
    private final OrganizationApplicationRepository organizationApplications;
    private final TemplateService template;

    InvitationGrantor(UserRepository users, MembershipRepository memberships, ApplicationRepository applications,
                      OrganizationApplicationRepository organizationApplications, TemplateService template) {
        this.users = users;
        this.memberships = memberships;
        this.applications = applications;
        this.organizationApplications = organizationApplications;
        this.template = template;
    }

    /**
     * In the consumer's transaction, with the organization's row locked by the caller, as every member and
     * application change locks it; the grantor's row (a user's or an application's) is held here against suspension
     * and deletion: a change committing meanwhile is either seen here or waits for this grant (and then revokes, or
     * demotes, as usual).
     */
    boolean stillGrants(UUID organizationId, String grantorId, List<UUID> roleIds, List<String> roleNames) {
        Optional<List<String>> held;
        Optional<User> user = users.findByIdForShare(grantorId);
        if (user.isPresent()) {
            held = user.get().suspended() ? Optional.empty() : memberships.scopesOf(organizationId, grantorId);
        } else if (applications.holdAgainstDeletion(grantorId)) {
            // Its resource scopes are those its roles there carry (invitation-service, which does not know them,
            // lets an application invite to no role carrying any: stricter, so nothing it let through fails here).
            held = organizationApplications.authorityOf(organizationId, grantorId).map(ApplicationAuthority::scopes);
        } else {
            held = Optional.empty();
        }
        if (held.isEmpty()) {
            return false; // no longer a member (or application) of the organization, suspended, or deleted
        }
        List<OrganizationRole> granted = template.existingRoles(roleIds, roleNames);
        Set<String> heldResources = template.heldResourceScopes(organizationId, grantorId);
        return GrantRule.holds(new HashSet<>(held.get()), heldResources, template.asGranted(granted));
    }

    /**
     * Whom to tell about a refused grant: the event's inviter only while org-service's own tables still show it a
     * member of the organization and not suspended, at its current address; otherwise nobody. A refusal usually
     * means the grantor (most often the inviter) left, was suspended or deleted before invitation-service heard of
     * it, so the inviter as invitation-service saw it at acceptance would tell a former member, or a deleted user's
     * address, about the organization. Runs after {@link #stillGrants}, under its locks.
     */
    @Nullable
    Actor inviterToTell(UUID organizationId, @Nullable Actor inviter) {
        if (inviter == null || inviter.email() == null) {
            return null;
        }
        return users.findById(inviter.userId())
                .filter(user -> !user.suspended() && memberships.isMember(organizationId, user.id()))
                .map(user -> new Actor(user.id(), user.email()))
                .orElse(null);
    }
}
