package io.documind.notification.invitation;

import io.documind.contracts.events.InvitationAccepted;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.notification.delivery.DeliveryConfiguration;
import io.documind.notification.delivery.EmailRequest;
import io.documind.notification.delivery.NotificationRecorder;
import io.documind.notification.organization.OrganizationDirectory;
import io.documind.notification.template.UsageType;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;

/**
 * InvitationAccepted → a note to the inviter, when the inviter is a person with an address; held a few seconds
 * ({@code documind.notification.delivery.acceptance-note-hold}) so that org-service's refusal of the grant, which
 * {@link GrantRefusalNote} turns into a cancellation, can still stop it.
 */
@Singleton
public class AcceptanceNote implements EventHandler<InvitationAccepted> {

    private final NotificationRecorder recorder;
    private final OrganizationDirectory directory;
    private final DeliveryConfiguration delivery;

    public AcceptanceNote(NotificationRecorder recorder, OrganizationDirectory directory,
                          DeliveryConfiguration delivery) {
        this.recorder = recorder;
        this.directory = directory;
        this.delivery = delivery;
    }

    @Override
    public void handle(InvitationAccepted event, EventMetadata metadata) {
        if (event.inviter() == null || event.inviter().email() == null) {
            return; // invited with a management token: nobody to tell
        }
        if (directory.existsByOrganizationIdAndDeletedTrue(event.organizationId())) {
            return; // deleted meanwhile: org-service made no member of it, so "joined" would not be true
        }
        if (recorder.grantRefused(event.invitationId())) {
            return; // org-service refused the grant, and its note came first: "joined" would not be true
        }
        String inviter = event.inviter().email();
        recorder.record(new EmailRequest(UUID.fromString(metadata.eventId()), UsageType.INVITATION_ACCEPTED,
                event.organizationId(), event.invitationId(), inviter,
                Map.of("organizationName", directory.nameOf(event.organizationId()).orElse("your organization"),
                        "organizationId", event.organizationId(),
                        "invitee", event.invitee(),
                        "roles", InvitationValues.roles(event.roles()),
                        "inviterName", InvitationValues.inviterName(event.inviter()),
                        "inviterEmail", inviter),
                false), delivery.getAcceptanceNoteHold()); // a refusal arriving meanwhile cancels it
    }
}
