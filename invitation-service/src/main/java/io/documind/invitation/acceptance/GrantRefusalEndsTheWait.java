package io.documind.invitation.acceptance;

import io.documind.contracts.events.InvitationGrantRefused;
import io.documind.invitation.directory.Arrivals;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * InvitationGrantRefused → the acceptance is remembered as refused, and an accept waiting for its membership is woken
 * to answer 422 instead of waiting out its time and then answering 202 (and, ten minutes on, 200 without a
 * membership).
 */
@Singleton
public class GrantRefusalEndsTheWait implements EventHandler<InvitationGrantRefused> {

    private final RefusedGrantRepository refusals;
    private final Arrivals arrivals;

    public GrantRefusalEndsTheWait(RefusedGrantRepository refusals, Arrivals arrivals) {
        this.refusals = refusals;
        this.arrivals = arrivals;
    }

    @Override
    public void handle(InvitationGrantRefused event, EventMetadata metadata) {
        refusals.refused(UUID.fromString(event.invitationId()), event.grantorId());
        arrivals.memberRefused(event.organizationId(), event.acceptedUserId());
    }
}
