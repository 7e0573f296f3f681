package io.documind.notification.invitation;

import io.documind.contracts.events.InvitationExpired;
import io.documind.contracts.events.InvitationRevoked;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.notification.delivery.NotificationRecorder;
import jakarta.inject.Singleton;

/**
 * A revoked or expired invitation's link no longer works: an invitation email still waiting (deferred by the
 * rate limits, or retrying) is cancelled rather than sent.
 */
final class WithdrawnInvitations {

    private WithdrawnInvitations() {
    }

    @Singleton
    static class Revoked implements EventHandler<InvitationRevoked> {
        private final NotificationRecorder recorder;

        Revoked(NotificationRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void handle(InvitationRevoked event, EventMetadata metadata) {
            recorder.cancelForInvitation(event.invitationId(), "invitation revoked");
        }
    }

    @Singleton
    static class Expired implements EventHandler<InvitationExpired> {
        private final NotificationRecorder recorder;

        Expired(NotificationRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void handle(InvitationExpired event, EventMetadata metadata) {
            recorder.cancelForInvitation(event.invitationId(), "invitation expired");
        }
    }
}
