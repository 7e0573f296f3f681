package io.documind.notification.delivery;

import io.documind.kit.deployment.RequiredSetting;
import io.documind.kit.deployment.RequiredSettings;
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
}
