package io.documind.notification;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sending an invitation again renews its secret, so the older link is dead: the older email, still waiting out an
 * SMTP outage, is cancelled when the newer message arrives, and only the newer link is ever delivered.
 */
@MicronautTest(transactional = false)
class InvitationResendTest extends NotificationIntegration {

    InvitationResendTest() {
        super(true);
    }

    @Override
    Map<String, String> settings() {
        return retriesAnHourApart();
    }

    @Test
    void aNewerMessageCancelsTheOlderEmailStillWaiting_andOnlyTheNewerLinkIsDelivered() {
        String organizationId = UUID.randomUUID().toString();
        String invitationId = UUID.randomUUID().toString();
        String invitee = address("resent");
        stopMail();
        UUID first = events.publish(invitation(organizationId, invitationId, "Acme", invitee,
                "https://app.example/i?token=old", null));
        DeliveryLogRows.Row waiting = await().atMost(WAIT).until(() -> log.forEvent(first),
                rows -> rows.size() == 1 && rows.getFirst().lastError() != null).getFirst();
        assertEquals("Pending", waiting.status(), "an outage is retried, not given up");

        restartMail();
        UUID second = events.publish(invitation(organizationId, invitationId, "Acme", invitee,
                "https://app.example/i?token=new", null));

        awaitStatus(second, "Sent");
        DeliveryLogRows.Row cancelled = log.one(first);
        assertEquals("Cancelled", cancelled.status());
        assertFalse(cancelled.sealed(), "its message, with the dead link, is not kept");
        List<ReceivedMail> received = ReceivedMail.inbox(mail, invitee);
        assertEquals(1, received.size());
        assertTrue(received.getFirst().text().contains("token=new"), received.getFirst().text());
    }
}
