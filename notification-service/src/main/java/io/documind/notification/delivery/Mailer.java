package io.documind.notification.delivery;

import io.documind.notification.template.RenderedEmail;
import io.micronaut.context.annotation.Value;
import io.micronaut.email.BodyType;
import io.micronaut.email.Email;
import io.micronaut.email.EmailSender;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.StringBody;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import java.util.Optional;
import java.util.UUID;

/**
 * Hands one email to the SMTP server through micronaut-email (from-address: {@code micronaut.email.from}). Every
 * copy of an email carries the same {@code Message-ID}, made from its notification id, whichever instance sends
 * it and however often: receiving systems drop copies by it (see {@link StableMessageIdComposer}).
 */
@Singleton
public class Mailer {

    /** Lets a recipient (or a support engineer) trace an email to its delivery log row. */
    public static final String NOTIFICATION_HEADER = "X-DocuMind-Notification-Id";

    private final EmailSender<Message, ?> sender;
    private final String idDomain;

    public Mailer(EmailSender<Message, ?> sender,
                  @Value("${micronaut.email.from.email:`no-reply@documind.local`}") String from) {
        this.sender = sender;
        // RFC 5322 wants the right-hand side to be a domain the sender controls: the from-address's.
        this.idDomain = from.substring(from.lastIndexOf('@') + 1);
    }

    /** The {@code Message-ID} of every copy of a notification's email. */
    public String messageId(UUID notificationId) {
        return "<" + notificationId + "@" + idDomain + ">";
    }

    public void send(UUID notificationId, String recipient, RenderedEmail email) throws SendFailure {
        // Checked again here: an email recorded before an upgrade tightened Recipients.problem may hold an address
        // it now refuses, and an exception other than SendFailure would leave that email unsettled, retried forever.
        Optional<String> refusal = Recipients.problem(recipient);
        if (refusal.isPresent()) {
            throw new SendFailure(SendFailure.Kind.PERMANENT, refusal.get(), null);
        }
        Email.Builder builder = Email.builder()
                .to(Recipients.forSmtp(recipient))
                .subject(email.subject())
                .body(email.html() == null
                        ? new StringBody(email.text(), BodyType.TEXT)
                        : new MultipartBody(email.html(), email.text()));
        try {
            sender.send(builder, message -> {
                try {
                    message.setHeader(NOTIFICATION_HEADER, notificationId.toString());
                    message.setHeader("Message-ID", messageId(notificationId));
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            throw SmtpFailures.classify(e);
        }
    }
}
