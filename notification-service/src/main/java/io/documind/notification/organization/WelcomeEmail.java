package io.documind.notification.organization;

import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.notification.delivery.EmailRequest;
import io.documind.notification.delivery.NotificationRecorder;
import io.documind.notification.template.UsageType;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;

/** OrganizationCreated → the directory learns the name, and the creator gets a welcome email. */
@Singleton
public class WelcomeEmail implements EventHandler<OrganizationCreated> {

    private final OrganizationDirectory directory;
    private final NotificationRecorder recorder;

    public WelcomeEmail(OrganizationDirectory directory, NotificationRecorder recorder) {
        this.directory = directory;
        this.recorder = recorder;
    }

    @Override
    public void handle(OrganizationCreated event, EventMetadata metadata) {
        directory.remember(event.organizationId(), event.name());
        if (event.createdBy() == null || event.createdBy().email() == null) {
            return; // created by a machine, or by a user without an address: nobody to welcome
        }
        String creator = event.createdBy().email();
        recorder.record(new EmailRequest(UUID.fromString(metadata.eventId()), UsageType.ORGANIZATION_WELCOME,
                event.organizationId(), null, creator,
                Map.of("organizationName", event.name(), "organizationId", event.organizationId(),
                        "creatorEmail", creator),
                false));
    }
}
