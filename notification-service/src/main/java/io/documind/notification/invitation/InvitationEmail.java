package io.documind.notification.invitation;

import io.documind.contracts.events.InvitationMessageRequested;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.notification.delivery.EmailRequest;
import io.documind.notification.delivery.LinkOpener;
import io.documind.notification.delivery.NotificationRecorder;
import io.documind.notification.organization.OrganizationDirectory;
import io.documind.notification.template.Dates;
import io.documind.notification.template.UsageType;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * InvitationMessageRequested → the OrganizationInvitation email to the invitee, with the link (opened from its
 * sealed form); rate-limited. It replaces the invitation's older mail that has not gone out yet.
 */
@Singleton
public class InvitationEmail implements EventHandler<InvitationMessageRequested> {

    private final NotificationRecorder recorder;
    private final OrganizationDirectory directory;
    private final LinkOpener links;

    public InvitationEmail(NotificationRecorder recorder, OrganizationDirectory directory, LinkOpener links) {
        this.recorder = recorder;
        this.directory = directory;
        this.links = links;
    }

    @Override
    public void handle(InvitationMessageRequested event, EventMetadata metadata) {
        if (directory.existsByOrganizationIdAndDeletedTrue(event.organizationId())) {
            return; // deleted before this arrived: the invitation is revoked with it
        }
        String organizationName = event.organizationName() != null ? event.organizationName()
                : directory.nameOf(event.organizationId()).orElse("a DocuMind organization");
        Map<String, String> values = new HashMap<>();
        values.put("organizationName", organizationName);
        values.put("organizationId", event.organizationId());
        values.put("inviterName", InvitationValues.inviterName(event.inviter()));
        values.put("inviterEmail", InvitationValues.inviterEmail(event.inviter()));
        values.put("invitee", event.invitee());
        values.put("roles", InvitationValues.roles(event.roles()));
        values.put("expiresAt", Dates.format(event.expiresAt()));
        UUID eventId = UUID.fromString(metadata.eventId());
        // Each message renews the invitation's secret: an older message's mail still waiting (rate-limited or
        // retrying) would carry a dead link and spend a rate-limit slot.
        recorder.cancelSupersededInvitationMail(event.invitationId(), eventId);
        EmailRequest request = new EmailRequest(eventId, UsageType.ORGANIZATION_INVITATION,
                event.organizationId(), event.invitationId(), event.invitee(), values, true);
        try {
            values.put(EmailRequest.LINK, links.open(event.invitationId(), event.sealedLink()));
        } catch (LinkOpener.UnreadableLinkException e) {
            recorder.refuse(request, e.getMessage());
            return;
        }
        recorder.record(request);
    }
}
