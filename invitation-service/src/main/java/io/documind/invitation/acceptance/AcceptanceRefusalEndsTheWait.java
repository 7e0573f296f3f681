package io.documind.invitation.acceptance;

import io.documind.contracts.events.InvitationAcceptanceRefused;
import io.documind.invitation.directory.Arrivals;
import io.documind.invitation.directory.Directory;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * InvitationAcceptanceRefused → the acceptance is remembered as refused for its invitee's sake, and an accept waiting
 * for its membership is woken to answer 422 (as {@link GrantRefusalEndsTheWait} does for a grantor's refusal). The
 * change it names counts as applied from now on: it reached this service before the refusal (same topic and key),
 * unless it never will (dead-lettered, or this database restored), and then the invitee's next acceptance would be
 * refused for ever.
 */
@Singleton
public class AcceptanceRefusalEndsTheWait implements EventHandler<InvitationAcceptanceRefused> {

    private final RefusedGrantRepository refusals;
    private final Directory directory;
    private final Arrivals arrivals;

    public AcceptanceRefusalEndsTheWait(RefusedGrantRepository refusals, Directory directory, Arrivals arrivals) {
        this.refusals = refusals;
        this.directory = directory;
        this.arrivals = arrivals;
    }

    @Override
    public void handle(InvitationAcceptanceRefused event, EventMetadata metadata) {
        refusals.refusedForInvitee(UUID.fromString(event.invitationId()));
        directory.memberChangeApplied(event.organizationId(), event.acceptedUserId(), event.announcedVersion());
        arrivals.memberRefused(event.organizationId(), event.acceptedUserId());
    }
}
