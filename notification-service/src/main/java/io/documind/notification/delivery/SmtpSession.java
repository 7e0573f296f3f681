package io.documind.notification.delivery;

import io.micronaut.context.annotation.Primary;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

import java.util.Properties;

/**
 * The Jakarta Mail session micronaut-email sends through, built from {@link SmtpConfiguration}. It replaces the
 * library's default provider, which uses the JVM-wide {@code Session.getDefaultInstance} (the first caller's
 * settings win for the whole process) and sets no timeouts (a stalled server would hang the worker forever).
 */
@Primary
@Singleton
public class SmtpSession implements SessionProvider {

    /** The system property Jakarta Mail reads first when it looks for its stream provider. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    /** angus-mail's, the one implementation this service ships. */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private final Session session;

    public SmtpSession(SmtpConfiguration config) {
        // Jakarta Mail 2.1 looks its stream provider up through ServiceLoader for every message and body part it
        // builds (jakartaee/mail-api#699, #861), reading the service files of the whole class path each time: ~6%
        // of this service's CPU in JFR on ./dev bench events. Named by this property, it is instantiated directly.
        System.getProperties().putIfAbsent(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", config.getHost());
        p.setProperty("mail.smtp.port", Integer.toString(config.getPort()));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(config.getConnectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(config.getReadTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(config.getWriteTimeout().toMillis()));
        if (config.isStarttls()) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (config.isSsl()) {
            p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (config.isStarttls() || config.isSsl()) {
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        Authenticator authenticator = null;
        String username = config.getUsername();
        if (username != null && !username.isBlank()) {
            p.setProperty("mail.smtp.auth", "true");
            PasswordAuthentication credentials = new PasswordAuthentication(username,
                    config.getPassword() == null ? "" : config.getPassword());
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return credentials;
                }
            };
        }
        this.session = Session.getInstance(p, authenticator);
    }

    @Override
    public Session session() {
        return session;
    }
}
