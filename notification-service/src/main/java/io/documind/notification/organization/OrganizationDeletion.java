package io.documind.notification.organization;

import io.documind.contracts.events.OrganizationDeleted;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.notification.delivery.NotificationRecorder;
import jakarta.inject.Singleton;

/** OrganizationDeleted → forget its name; its mail still waiting (deferred invitations) is not sent. */
@Singleton
public class OrganizationDeletion implements EventHandler<OrganizationDeleted> {

    private final OrganizationDirectory directory;
    private final NotificationRecorder recorder;

    public OrganizationDeletion(OrganizationDirectory directory, NotificationRecorder recorder) {
        this.directory = directory;
        this.recorder = recorder;
    }

    @Override
    public void handle(OrganizationDeleted event, EventMetadata metadata) {
        directory.forget(event.organizationId());
        recorder.cancelForOrganization(event.organizationId(), "organization deleted");
    }
}
