package io.documind.notification.delivery;

import io.documind.notification.template.RenderedEmail;
import io.micronaut.email.BodyType;
import io.micronaut.email.Email;
import io.micronaut.email.EmailSender;
import io.micronaut.email.MultipartBody;
import io.micronaut.email.StringBody;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import java.util.UUID;

/** Hands one email to the SMTP server through micronaut-email (from-address: {@code micronaut.email.from}). */
@Singleton
public class Mailer {

    /** Lets a recipient (or a support engineer) trace an email to its delivery log row. */
    public static final String NOTIFICATION_HEADER = "X-DocuMind-Notification-Id";

    private final EmailSender<Message, ?> sender;

    public Mailer(EmailSender<Message, ?> sender) {
        this.sender = sender;
    }

    public void send(UUID notificationId, String recipient, RenderedEmail email) throws SendFailure {
        Email.Builder builder = Email.builder()
                .to(recipient)
                .subject(email.subject())
                .body(email.html() == null
                        ? new StringBody(email.text(), BodyType.TEXT)
                        : new MultipartBody(email.html(), email.text()));
        try {
            sender.send(builder, message -> {
                try {
                    message.setHeader(NOTIFICATION_HEADER, notificationId.toString());
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            throw SmtpFailures.classify(e);
        }
    }
}
