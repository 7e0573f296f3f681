package io.documind.invitation.limits;

import io.documind.contracts.events.EmailFailed;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** EmailFailed → the invitation email it names no longer waits (it never will go). */
@Singleton
public class EmailFailedSettlesMail implements EventHandler<EmailFailed> {

    private final MailBacklog backlog;

    public EmailFailedSettlesMail(MailBacklog backlog) {
        this.backlog = backlog;
    }

    @Override
    public void handle(EmailFailed event, EventMetadata metadata) {
        backlog.answered(event.triggeringEventId());
    }
}
