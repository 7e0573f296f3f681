package io.documind.invitation.acceptance;

import io.documind.contracts.events.InvitationAcceptanceRefused;
import io.documind.invitation.directory.Arrivals;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * InvitationAcceptanceRefused → the acceptance is remembered as refused for its invitee's sake, and an accept waiting
 * for its membership is woken to answer 422 (as {@link GrantRefusalEndsTheWait} does for a grantor's refusal).
 */
@Singleton
public class AcceptanceRefusalEndsTheWait implements EventHandler<InvitationAcceptanceRefused> {

    private final RefusedGrantRepository refusals;
    private final Arrivals arrivals;

    public AcceptanceRefusalEndsTheWait(RefusedGrantRepository refusals, Arrivals arrivals) {
        this.refusals = refusals;
        this.arrivals = arrivals;
    }

    @Override
    public void handle(InvitationAcceptanceRefused event, EventMetadata metadata) {
        refusals.refusedForInvitee(UUID.fromString(event.invitationId()));
        arrivals.memberRefused(event.organizationId(), event.acceptedUserId());
    }
}
