package io.documind.notification.delivery;

import io.documind.kit.deployment.RequiredSetting;
import io.documind.kit.deployment.RequiredSettings;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Outside the local stack: a real SMTP server (not the local stack's GreenMail on 127.0.0.1), and a sealing key
 * shared by every instance, without which mail waiting in one instance could not be sent by another; and the
 * private key that opens invitation links (sealed by invitation-service with its public half); and a sender address
 * of the deployment's own.
 */
@Singleton
public class DeliveryDeploymentSettings implements RequiredSettings {

    @Override
    public List<RequiredSetting> settings() {
        return List.of(
                new RequiredSetting("documind.smtp.host", "SMTP_HOST", "127\\.0\\.0\\.1|localhost"),
                new RequiredSetting("documind.notification.sealing-key", "DOCUMIND_NOTIFICATION_SEALING_KEY", null),
                new RequiredSetting("documind.notification.link-private-key", "DOCUMIND_NOTIFICATION_LINK_PRIVATE_KEY",
                        null),
                // A real provider refuses the local default sender, and every email would fail after its retries.
                new RequiredSetting("micronaut.email.from.email", "DOCUMIND_MAIL_FROM", "no-reply@documind\\.local"));
    }

    /**
     * SMTP login without TLS sends the password, and every mail's one-time codes and links, across the network in
     * clear: refused unless an operator says the path to the server is trusted.
     */
    @Override
    public List<String> problems(PropertyResolver settings) {
        boolean login = settings.getProperty("documind.smtp.username", String.class).filter(u -> !u.isBlank())
                .isPresent();
        boolean tls = settings.getProperty("documind.smtp.starttls", Boolean.class).orElse(false)
                || settings.getProperty("documind.smtp.ssl", Boolean.class).orElse(false);
        boolean allowed = settings.getProperty("documind.smtp.allow-plaintext", Boolean.class).orElse(false);
        if (login && !tls && !allowed) {
            return List.of("SMTP_USERNAME is set but neither SMTP_STARTTLS nor SMTP_SSL is true: the password and "
                    + "every email's codes and links would cross the network in clear. Turn one on, or set "
                    + "DOCUMIND_SMTP_ALLOW_PLAINTEXT=true where the path to the server is trusted");
        }
        return List.of();
    }
}
