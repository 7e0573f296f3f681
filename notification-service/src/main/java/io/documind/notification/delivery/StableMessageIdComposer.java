package io.documind.notification.delivery;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.email.Email;
import io.micronaut.email.javamail.composer.DefaultMessageComposer;
import io.micronaut.email.javamail.composer.MessageComposer;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * micronaut-email's composer, except that a {@code Message-ID} set on the message survives the send: Jakarta
 * Mail replaces it with a fresh random one when the message is sent, so copies of one email (a retry after a
 * crash mid-send) could not be recognised as one.
 */
@Singleton
@Replaces(DefaultMessageComposer.class)
public class StableMessageIdComposer implements MessageComposer {

    private final DefaultMessageComposer defaults = new DefaultMessageComposer();

    @Override
    public Message compose(Email email, Session session) throws MessagingException {
        return new KeepsMessageId((MimeMessage) defaults.compose(email, session));
    }

    private static final class KeepsMessageId extends MimeMessage {

        KeepsMessageId(MimeMessage composed) throws MessagingException {
            super(composed);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
