package io.documind.notification.invitation;

import io.documind.contracts.events.InvitationGrantRefused;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.notification.delivery.EmailRequest;
import io.documind.notification.delivery.NotificationRecorder;
import io.documind.notification.organization.OrganizationDirectory;
import io.documind.notification.template.UsageType;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;

/**
 * InvitationGrantRefused → a note to the inviter that the invitee did not join after all (org-service names the
 * inviter only while it is still a member). The acceptance note ({@link AcceptanceNote}) usually went first: one
 * still waiting is cancelled, and one whose event comes later is not recorded, so nobody is told "joined" after
 * the grant was refused.
 */
@Singleton
public class GrantRefusalNote implements EventHandler<InvitationGrantRefused> {

    private final NotificationRecorder recorder;
    private final OrganizationDirectory directory;

    public GrantRefusalNote(NotificationRecorder recorder, OrganizationDirectory directory) {
        this.recorder = recorder;
        this.directory = directory;
    }

    @Override
    public void handle(InvitationGrantRefused event, EventMetadata metadata) {
        // Recorded whoever is told: an "accepted" note still waiting, or still to come, is not true.
        recorder.recordGrantRefused(event.invitationId());
        if (event.inviter() == null || event.inviter().email() == null || event.invitee() == null) {
            // A management token invited, org-service no longer counts the inviter a member, or the event is
            // from before it named them: nobody to tell.
            return;
        }
        if (directory.existsByOrganizationIdAndDeletedTrue(event.organizationId())) {
            return; // deleted meanwhile: the roles would be gone anyway
        }
        recorder.record(new EmailRequest(UUID.fromString(metadata.eventId()), UsageType.INVITATION_NOT_GRANTED,
                event.organizationId(), event.invitationId(), event.inviter().email(),
                Map.of("organizationName", directory.nameOf(event.organizationId()).orElse("your organization"),
                        "organizationId", event.organizationId(),
                        "invitee", event.invitee(),
                        "roles", InvitationValues.roles(event.roles()),
                        "inviterName", InvitationValues.inviterName(event.inviter()),
                        "inviterEmail", event.inviter().email()),
                false));
    }
}
