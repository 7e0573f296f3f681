package io.documind.invitation.limits;

import io.documind.contracts.events.EmailSent;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

/** EmailSent → the invitation email it names no longer waits. */
@Singleton
public class EmailSentSettlesMail implements EventHandler<EmailSent> {

    private final MailBacklog backlog;

    public EmailSentSettlesMail(MailBacklog backlog) {
        this.backlog = backlog;
    }

    @Override
    public void handle(EmailSent event, EventMetadata metadata) {
        backlog.answered(event.triggeringEventId());
    }
}
