package io.documind.invitation.management;

import io.documind.invitation.directory.Arrivals;
import io.documind.invitation.lifecycle.InvitationSettings;
import jakarta.inject.Singleton;

/**
 * Read-your-writes across services for an inviter: an organization is org-service's, and this service learns of it
 * from OrganizationCreated, so an invitation sent right after the organization was created could name one this
 * service has not heard of yet (it was refused, 422, until the event arrived). Creating an invitation waits,
 * bounded ({@code documind.invitation.organization-wait}), until the organization it names is known; one that
 * stays unknown is then refused as before. Runs before the creation's transaction, so the wait holds no
 * connection.
 */
@Singleton
public class OrganizationWait {

    private final Arrivals arrivals;
    private final InvitationSettings settings;

    public OrganizationWait(Arrivals arrivals, InvitationSettings settings) {
        this.arrivals = arrivals;
        this.settings = settings;
    }

    /** Waits until the organization the request names (the token's, for an organization token) is known, or not. */
    public void untilKnown(Caller caller, CreateInvitationRequest request) throws InterruptedException {
        String organizationId = caller.organization(request.organizationId(), true);
        arrivals.awaitOrganization(organizationId, settings.getOrganizationWait(), settings.getDirectoryPollInterval());
    }
}
