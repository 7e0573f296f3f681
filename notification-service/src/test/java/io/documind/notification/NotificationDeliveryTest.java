package io.documind.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.Topics;
import io.documind.contracts.events.Actor;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.contracts.events.InvitationGrantRefused;
import io.documind.contracts.events.InvitationMessageRequested;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.kit.consumer.DeadLetterTopic;
import io.documind.kit.crypto.SealedBox;
import io.documind.localstack.LinkKeys;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.documind.notification.template.EmailTemplate;
import io.documind.notification.template.EmailTemplateService;
import io.documind.notification.template.UsageType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events in on real Kafka, emails out to a real SMTP server (GreenMail), the delivery log in real PostgreSQL,
 * EmailSent/EmailFailed out through the outbox.
 */
@MicronautTest(transactional = false)
class NotificationDeliveryTest extends NotificationIntegration {

    @Inject
    EmailTemplateService templates;

    @Override
    Map<String, String> settings() {
        // Far beyond the waits below: mail arrives promptly only because recording it wakes the worker on commit.
        // The "joined" note's hold is doubled: the refusal in the test below must be consumed within it, also on a
        // busy machine.
        return Map.of("documind.notification.delivery.poll-interval", "5m",
                "documind.notification.delivery.acceptance-note-hold", "10s");
    }

    @Test
    void theInvitationEmailArrivesWithItsSubjectLinkAndEscapedContent() {
        String secret = "s3cr3t-" + UUID.randomUUID();
        String invitee = address("invitee");
        String inviter = address("inviter");
        String invitationId = UUID.randomUUID().toString();
        String link = "http://localhost:3000/invitation/" + invitationId + "?token=" + secret;
        String organizationName = "<script>alert('x')</script> & Co";

        UUID eventId = events.publish(invitation(UUID.randomUUID().toString(), invitationId, organizationName, invitee,
                link, new Actor("user-1", inviter)));

        ReceivedMail email = awaitOnlyMailTo(invitee);
        assertEquals("You are invited to join <script>alert('x')</script> & Co on DocuMind", email.subject());
        assertEquals("DocuMind <no-reply@documind.local>", email.from());
        assertTrue(email.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"), email.html());
        assertFalse(email.html().contains("<script>"), "an inserted value never becomes markup");
        assertTrue(email.html().contains("<a href=\"" + link + "\">"), email.html());
        assertTrue(email.html().contains(inviter + " invited you"), email.html());
        assertTrue(email.html().contains("as Member"), email.html());
        assertTrue(email.text().contains("Accept the invitation <" + link + ">"), "a plain-text part beside the HTML: " + email.text());
        assertTrue(email.text().contains("join <script>alert('x')</script> & Co on DocuMind as Member"), email.text());

        DeliveryLogRows.Row row = awaitStatus(eventId, "Sent");
        assertEquals(row.id().toString(), email.notificationId());
        assertEquals("http://localhost:3000/invitation/" + invitationId + "?token=REDACTED", row.link());
        assertFalse(row.sealed(), "the sealed message is erased once sent");
        assertEquals(1, row.attempts());

        JsonNode sent = awaitReported(eventId).getFirst();
        assertEquals("EmailSent", sent.path("type").asText());
        assertEquals(row.id().toString(), sent.path("data").path("notificationId").asText());
        assertEquals(invitee, sent.path("data").path("recipient").asText());
        assertEquals("OrganizationInvitation", sent.path("data").path("usageType").asText());
        assertFalse(log.everythingStored().contains(secret), "the invitation secret is never stored in clear");
    }

    @Test
    void theSameEventDeliveredTwiceSendsOneEmail() {
        String organizationId = UUID.randomUUID().toString();
        String invitee = address("twice");
        InvitationMessageRequested invitation = invitation(organizationId, UUID.randomUUID().toString(), "Acme", invitee,
                "https://app.example/invitation/1?token=t", null);
        UUID eventId = UUID.randomUUID();
        byte[] envelope = events.envelope(invitation, eventId);
        events.publishRaw(Topics.INVITATION_EVENTS, organizationId, envelope);
        events.publishRaw(Topics.INVITATION_EVENTS, organizationId, envelope);
        // Same key, same partition: once the marker's email is recorded, both copies were consumed.
        String marker = address("marker");
        UUID markerId = events.publish(invitation(organizationId, UUID.randomUUID().toString(), "Acme", marker,
                "https://app.example/invitation/2?token=t", null));

        awaitOnlyMailTo(marker);
        awaitStatus(markerId, "Sent");
        assertEquals(1, ReceivedMail.inbox(mail, invitee).size());
        assertEquals("Sent", log.one(eventId).status());
        assertEquals(1, NotificationEvents.about(eventId).size(), "one EmailSent");
    }

    @Test
    void theCreatorOfAnOrganizationIsWelcomed_aMachineCreatorIsNot() {
        String creator = address("creator");
        UUID welcomed = events.publish(new OrganizationCreated(UUID.randomUUID().toString(), "Umbrella", null,
                new Actor("user-2", creator), null, false, null));
        ReceivedMail email = awaitOnlyMailTo(creator);
        assertEquals("Welcome to Umbrella", email.subject());
        assertTrue(email.text().contains("Your organization Umbrella is ready"), email.text());
        await().atMost(WAIT).until(() -> NotificationEvents.about(welcomed).size() == 1);

        UUID byMachine = events.publish(new OrganizationCreated(UUID.randomUUID().toString(), "Robots", null, null, null, false, null));
        UUID withoutAddress = events.publish(new OrganizationCreated(UUID.randomUUID().toString(), "Nameless", null,
                new Actor("user-3", null), null, false, null));
        await().atMost(WAIT).until(() -> log.applied(byMachine) && log.applied(withoutAddress));
        assertEquals(List.of(), log.forEvent(byMachine));
        assertEquals(List.of(), log.forEvent(withoutAddress));
    }

    @Test
    void theInviterHearsOfTheAcceptanceWithTheOrganizationNameLearntFromOrgEvents() {
        String organizationId = UUID.randomUUID().toString();
        UUID created = events.publish(new OrganizationCreated(organizationId, "Acme <Docs>", null, null, null, false, null));
        await().atMost(WAIT).until(() -> log.applied(created));
        String inviter = address("inviter");
        String invitee = address("joiner");

        events.publish(new InvitationAccepted(UUID.randomUUID().toString(), organizationId, "user-4", invitee,
                List.of("Member", "Collaborator"), new Actor("user-5", inviter), true));

        ReceivedMail email = awaitOnlyMailTo(inviter);
        assertEquals(invitee + " joined Acme <Docs>", email.subject());
        assertTrue(email.html().contains("<strong>Acme &lt;Docs&gt;</strong> as Member, Collaborator"), email.html());

        UUID managementInvite = events.publish(new InvitationAccepted(UUID.randomUUID().toString(), organizationId,
                "user-6", address("other"), List.of("Member"), null, false));
        await().atMost(WAIT).until(() -> log.applied(managementInvite));
        assertEquals(List.of(), log.forEvent(managementInvite), "no inviter address, no note");
        UUID appInvite = events.publish(new InvitationAccepted(UUID.randomUUID().toString(), organizationId,
                "user-8", address("invited-by-app"), List.of("Member"), new Actor("app-" + UUID.randomUUID(), null), true));
        await().atMost(WAIT).until(() -> log.applied(appInvite));
        assertEquals(List.of(), log.forEvent(appInvite), "an application inviter has no address: no note, no failure");
    }

    /**
     * org-service refused the grant: the inviter, told "joined" already, is told it did not happen. The refusal comes
     * on org-service's topic, so it may also come first: then the acceptance note is not recorded at all.
     */
    @Test
    void aRefusedGrantTellsTheInviterAndAnAcceptanceNoteThatComesLaterIsNotSent() {
        String organizationId = UUID.randomUUID().toString();
        String inviter = address("refused-inviter");
        String invitee = address("refused-joiner");
        Actor inviterActor = new Actor("user-20", inviter);
        String invitationId = UUID.randomUUID().toString();
        events.publish(new InvitationAccepted(invitationId, organizationId, "user-21", invitee, List.of("Admin"),
                inviterActor, true));
        assertEquals(invitee + " joined your organization", awaitOnlyMailTo(inviter).subject());
        UUID refused = events.publish(new InvitationGrantRefused(invitationId, organizationId, "user-21", "user-20",
                invitee, List.of("Admin"), inviterActor));
        awaitStatus(refused, "Sent");
        List<ReceivedMail> notes = ReceivedMail.inbox(mail, inviter);
        assertEquals(2, notes.size());
        ReceivedMail notGranted = notes.stream().filter(m -> m.subject().contains("did not join")).findFirst()
                .orElseThrow(() -> new AssertionError(notes.stream().map(ReceivedMail::subject).toList()));
        assertEquals(invitee + " did not join your organization", notGranted.subject());
        assertTrue(notGranted.html().contains("did not join it as Admin"), notGranted.html());

        String refusedFirst = UUID.randomUUID().toString();
        String firstInviter = address("refused-first-inviter");
        Actor firstInviterActor = new Actor("user-22", firstInviter);
        events.publish(new InvitationGrantRefused(refusedFirst, organizationId, "user-23", "user-22", invitee,
                List.of("Member"), firstInviterActor));
        assertEquals(invitee + " did not join your organization", awaitOnlyMailTo(firstInviter).subject());
        UUID acceptedLate = events.publish(new InvitationAccepted(refusedFirst, organizationId, "user-23", invitee,
                List.of("Member"), firstInviterActor, true));
        await().atMost(WAIT).until(() -> log.applied(acceptedLate));
        assertEquals(List.of(), log.forEvent(acceptedLate), "no \"joined\" after \"did not join\"");
        assertEquals(1, mail.messagesFor(firstInviter).size());
    }

    /**
     * The usual order when the inviter who vouched was removed a moment before the invitee accepted: InvitationAccepted
     * still names them (invitation-service had not heard yet), and org-service's refusal follows within
     * milliseconds. The "joined" note waits a few seconds (10 here), so the refusal cancels it: sent at once, it told the
     * former member who joined. Only "did not join" goes out, and only to an inviter org-service still names.
     */
    @Test
    void aRefusalRightBehindTheAcceptanceCancelsTheJoinedNoteBeforeItGoes() {
        String organizationId = UUID.randomUUID().toString();
        String removedInviter = address("removed-inviter");
        String invitee = address("quick-joiner");
        String invitationId = UUID.randomUUID().toString();
        UUID accepted = events.publish(new InvitationAccepted(invitationId, organizationId, "user-30", invitee,
                List.of("Member"), new Actor("user-31", removedInviter), true));
        awaitStatus(accepted, "Pending");
        UUID refused = events.publish(new InvitationGrantRefused(invitationId, organizationId, "user-30", "user-31",
                invitee, List.of("Member"), null)); // org-service no longer counts the inviter a member

        await().atMost(WAIT).until(() -> log.applied(refused));
        assertEquals("Cancelled", awaitStatus(accepted, "Cancelled").status());
        assertEquals(List.of(), log.forEvent(refused), "nobody to tell that it did not happen");
        assertEquals(0, mail.messagesFor(removedInviter).size());
    }

    /** An invitation's events arrive on another topic than its organization's deletion, so they may come after it. */
    @Test
    void noInvitationEmailOrAcceptanceNoteForAnOrganizationDeletedAlready() {
        String organizationId = UUID.randomUUID().toString();
        UUID created = events.publish(new OrganizationCreated(organizationId, "Gone", null, null, null, false, null));
        UUID deleted = events.publish(new OrganizationDeleted(organizationId));
        await().atMost(WAIT).until(() -> log.applied(created) && log.applied(deleted));

        UUID invited = events.publish(invitation(organizationId, UUID.randomUUID().toString(), "Gone",
                address("late-invitee"), "https://app.example/i?token=t", null));
        UUID accepted = events.publish(new InvitationAccepted(UUID.randomUUID().toString(), organizationId, "user-9",
                address("late-joiner"), List.of("Member"), new Actor("user-10", address("late-inviter")), true));
        await().atMost(WAIT).until(() -> log.applied(invited) && log.applied(accepted));
        assertEquals(List.of(), log.forEvent(invited));
        assertEquals(List.of(), log.forEvent(accepted));
    }

    /** Sign-up and invitations take an internationalized domain; the server is given its ASCII form. */
    @Test
    void anInternationalizedDomainIsMailedInItsAsciiForm() {
        String local = "idn-" + UUID.randomUUID();
        UUID eventId = events.publish(invitation(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Acme",
                local + "@b\u00fccher.example", "https://app.example/i?token=t", null));

        awaitOnlyMailTo(local + "@xn--bcher-kva.example");
        DeliveryLogRows.Row row = awaitStatus(eventId, "Sent");
        assertEquals(1, row.attempts());
        assertEquals(local + "@b\u00fccher.example", awaitReported(eventId).getFirst().path("data").path("recipient")
                .asText(), "the log and the event keep the address as given");
    }

    @Test
    void anAddressNoServerWouldTakeIsRefusedAndRecordedAsFailed_neverRetried() {
        String invitee = "bad<script>-" + UUID.randomUUID() + "@example.com"; // passes the event schema's loose pattern
        UUID eventId = events.publish(invitation(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Acme",
                invitee, "https://app.example/i?token=t", null));

        JsonNode failed = awaitReported(eventId).getFirst();
        assertEquals("EmailFailed", failed.path("type").asText());
        assertTrue(failed.path("data").path("reason").asText().contains("recipient"), failed.toString());
        DeliveryLogRows.Row row = log.one(eventId);
        assertEquals("Failed", row.status());
        assertEquals(0, row.attempts(), "refused before any SMTP attempt");
        assertFalse(row.sealed());
        assertEquals(List.of(), mail.messagesFor(invitee));
    }

    @Test
    void aMalformedEventGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() {
        String organizationId = UUID.randomUUID().toString();
        events.publishRaw(Topics.INVITATION_EVENTS, organizationId, "{not an envelope".getBytes(StandardCharsets.UTF_8));
        // A well-formed envelope whose data breaks the schema (no invitee address).
        events.publishRaw(Topics.INVITATION_EVENTS, organizationId, events.envelope(invitation(organizationId,
                UUID.randomUUID().toString(), "Acme", "", "https://app.example/i?token=t", null), UUID.randomUUID()));
        String after = address("after-poison");
        events.publish(invitation(organizationId, UUID.randomUUID().toString(), "Acme", after,
                "https://app.example/i?token=t", null));

        awaitOnlyMailTo(after);
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(WAIT).until(() -> TopicReader.readAll(
                        TestInfrastructure.kafka().bootstrapServers(), Topics.deadLetterOf(Topics.INVITATION_EVENTS))
                .stream().filter(r -> organizationId.equals(r.key())).toList(), d -> d.size() == 2);
        assertEquals("{not an envelope", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        String consumer = new String(dead.get(1).headers().lastHeader(DeadLetterTopic.HEADER_CONSUMER).value(), StandardCharsets.UTF_8);
        assertTrue(consumer.startsWith("notification-service"), consumer);
    }

    /**
     * A key mismatch or a moved box is recorded Failed with EmailFailed (invitation-service then stops counting the
     * email against the organization's mail backlog), not dead-lettered where nothing would ever answer it.
     */
    @Test
    void aLinkSealedForAnotherKeyOrAnotherInvitationIsNeverEmailedAndIsRecordedAsFailed() {
        String organizationId = UUID.randomUUID().toString();
        String secret = "s3cr3t-" + UUID.randomUUID();
        String link = "https://app.example/invitation/x?token=" + secret;
        String invitationId = UUID.randomUUID().toString();
        String foreignKey = SealedBox.encode(SealedBox.generateKeyPair().getPublic());
        String victim = address("wrong-key");
        UUID foreign = events.publish(invitationSealed(organizationId, invitationId, "Acme", victim,
                SealedBox.seal(SealedBox.publicKey(foreignKey, "other"), link, invitationId), null));
        // Sealed for this service, but for another invitation: moved boxes do not open.
        UUID moved = events.publish(invitationSealed(organizationId, invitationId, "Acme", victim,
                SealedBox.seal(SealedBox.publicKey(LinkKeys.forThisRun().publicKey(), "ours"), link, "another"), null));

        for (UUID eventId : List.of(foreign, moved)) {
            JsonNode failed = awaitReported(eventId).getFirst();
            assertEquals("EmailFailed", failed.path("type").asText());
            assertEquals(eventId.toString(), failed.path("data").path("triggeringEventId").asText());
            assertTrue(failed.path("data").path("reason").asText().contains("does not open"), failed.toString());
            DeliveryLogRows.Row row = log.one(eventId);
            assertEquals("Failed", row.status());
            assertEquals(0, row.attempts());
            assertFalse(row.sealed(), "nothing to send");
            assertNull(row.link(), "no link was opened");
        }
        String after = address("after-unreadable");
        events.publish(invitation(organizationId, UUID.randomUUID().toString(), "Acme", after, link, null));
        awaitOnlyMailTo(after);
        assertEquals(List.of(), mail.messagesFor(victim));
    }

    @Test
    void aReplacedTemplateShapesTheNextEmail() {
        EmailTemplate original = templates.template(UsageType.ORGANIZATION_WELCOME);
        try {
            templates.replace("OrganizationWelcome", "{{organizationName}} is yours",
                    "<p>Hi {{creatorEmail}}, <em>{{organizationName}}</em> ({{organizationId}}) awaits.</p>", "text/html");
            String creator = address("templated");
            String organizationId = UUID.randomUUID().toString();
            events.publish(new OrganizationCreated(organizationId, "Initech", null, new Actor("user-7", creator), null, false, null));

            ReceivedMail email = awaitOnlyMailTo(creator);
            assertEquals("Initech is yours", email.subject());
            assertEquals("<p>Hi " + creator + ", <em>Initech</em> (" + organizationId + ") awaits.</p>", email.html());
            assertEquals("Hi " + creator + ", Initech (" + organizationId + ") awaits.\n", email.text());
        } finally {
            templates.replace("OrganizationWelcome", original.subject(), original.content(),
                    original.contentType().mediaType());
        }
    }
}
