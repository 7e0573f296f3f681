package io.documind.notification.invitation;

import io.documind.contracts.events.InvitationAcceptanceRefused;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.notification.delivery.NotificationRecorder;
import jakarta.inject.Singleton;

/**
 * InvitationAcceptanceRefused → the inviter's "joined" note ({@link AcceptanceNote}) is not true: one still waiting
 * is cancelled, and one whose event comes later is not recorded, as for a refused grant. Nobody is told more: the
 * organization itself removed the invitee or changed its roles just before.
 */
@Singleton
public class AcceptanceRefusalCancelsNote implements EventHandler<InvitationAcceptanceRefused> {

    private final NotificationRecorder recorder;

    public AcceptanceRefusalCancelsNote(NotificationRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void handle(InvitationAcceptanceRefused event, EventMetadata metadata) {
        recorder.recordGrantRefused(event.invitationId());
    }
}
