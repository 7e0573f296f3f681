package io.documind.invitation.management;

import io.documind.invitation.directory.Arrivals;
import io.documind.invitation.lifecycle.InvitationSettings;
import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * Read-your-writes across services for an inviter: organizations and their members are org-service's, and this
 * service learns of them from OrganizationCreated and MembershipCreated, so an invitation sent right after the
 * organization was created could name one this service has not heard of yet, or (a management call) name its
 * creator as the inviter before the creator's membership arrived: both were refused (422) until the events came.
 * Creating an invitation now waits, bounded by {@code documind.invitation.organization-wait} for both together,
 * until what it names is known; what stays unknown is then refused as before. Runs before the creation's
 * transaction, so the wait holds no connection.
 */
@Singleton
public class DirectoryWait {

    private final Arrivals arrivals;
    private final InvitationSettings settings;

    public DirectoryWait(Arrivals arrivals, InvitationSettings settings) {
        this.arrivals = arrivals;
        this.settings = settings;
    }

    /**
     * Waits until the organization the request names (the token's, for an organization token) is known, and the
     * inviter a management call names is its member; or until the wait runs out.
     */
    public void untilKnown(Caller caller, CreateInvitationRequest request) {
        String organizationId = caller.organization(request.organizationId(), true);
        long deadline = System.nanoTime() + settings.getOrganizationWait().toNanos();
        try {
            if (arrivals.awaitOrganization(organizationId, settings.getOrganizationWait(),
                    settings.getDirectoryPollInterval())
                    && caller.isManagement() && request.inviterId() != null) {
                arrivals.awaitMember(organizationId, request.inviterId(), List.of(),
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                        settings.getDirectoryPollInterval());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "The service is stopping; nothing was changed, "
                    + "try again");
        }
    }
}
