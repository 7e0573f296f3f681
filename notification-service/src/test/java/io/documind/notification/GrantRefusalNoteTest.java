package io.documind.notification;

import io.documind.contracts.events.Actor;
import io.documind.contracts.events.InvitationAcceptanceRefused;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.contracts.events.InvitationGrantRefused;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An "accepted" note still waiting (here, out an SMTP outage) when org-service's refusal of the grant arrives is
 * cancelled: the inviter only ever gets the "did not join" note.
 */
@MicronautTest(transactional = false)
class GrantRefusalNoteTest extends NotificationIntegration {

    GrantRefusalNoteTest() {
        super(true);
    }

    @Override
    Map<String, String> settings() {
        return retriesAnHourApart();
    }

    @Test
    void anAcceptedNoteStillWaitingIsCancelledByTheRefusal() {
        String organizationId = UUID.randomUUID().toString();
        String invitationId = UUID.randomUUID().toString();
        String inviter = address("waiting-inviter");
        String invitee = address("refused-invitee");
        Actor inviterActor = new Actor("user-30", inviter);
        stopMail();
        UUID accepted = events.publish(new InvitationAccepted(invitationId, organizationId, "user-31", invitee,
                List.of("Admin"), inviterActor, true));
        DeliveryLogRows.Row waiting = await().atMost(WAIT).until(() -> log.forEvent(accepted),
                rows -> rows.size() == 1 && rows.getFirst().lastError() != null).getFirst();
        assertEquals("Pending", waiting.status());

        restartMail();
        UUID refused = events.publish(new InvitationGrantRefused(invitationId, organizationId, "user-31", "user-30",
                invitee, List.of("Admin"), inviterActor));
        awaitStatus(refused, "Sent");
        assertEquals("Cancelled", log.one(accepted).status());
        List<ReceivedMail> received = ReceivedMail.inbox(mail, inviter);
        assertEquals(List.of(invitee + " did not join your organization"),
                received.stream().map(ReceivedMail::subject).toList());
    }

    /** Refused for the invitee's sake (the organization removed it just before): cancelled, and nobody told more. */
    @Test
    void anAcceptedNoteStillWaitingIsCancelledByARefusedAcceptance() {
        String organizationId = UUID.randomUUID().toString();
        String invitationId = UUID.randomUUID().toString();
        String inviter = address("waiting-inviter");
        String invitee = address("removed-invitee");
        stopMail();
        UUID accepted = events.publish(new InvitationAccepted(invitationId, organizationId, "user-41", invitee,
                List.of("Member"), new Actor("user-40", inviter), true));
        DeliveryLogRows.Row waiting = await().atMost(WAIT).until(() -> log.forEvent(accepted),
                rows -> rows.size() == 1 && rows.getFirst().lastError() != null).getFirst();
        assertEquals("Pending", waiting.status());

        restartMail();
        events.publish(new InvitationAcceptanceRefused(invitationId, organizationId, "user-41", invitee,
                List.of("Member"), 3));
        await().atMost(WAIT).until(() -> log.one(accepted).status(), "Cancelled"::equals);
    }
}
