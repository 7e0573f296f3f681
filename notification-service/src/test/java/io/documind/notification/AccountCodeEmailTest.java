package io.documind.notification;

import io.documind.contracts.events.EmailCodeRequested;
import io.documind.kit.crypto.SealedBox;
import io.documind.localstack.LinkKeys;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EmailCodeRequested (org-service's sealed verification and reset codes) → the Register and ForgotPassword emails
 * at a real SMTP server, the code and link in the content only and nowhere in clear in this service's database.
 */
@MicronautTest(transactional = false)
class AccountCodeEmailTest extends NotificationIntegration {

    @Test
    void theVerificationEmailCarriesTheCodeAndTheLinkOpenedFromTheirSealedForm() {
        String email = address("new-user");
        String userId = UUID.randomUUID().toString();
        String link = "http://localhost:8081/email-verification?token=link-" + UUID.randomUUID();
        UUID eventId = events.publish(request(userId, email, EmailCodeRequested.REGISTER, "482913", link, userId));

        ReceivedMail mail = awaitOnlyMailTo(email);
        assertEquals("Your DocuMind verification code", mail.subject());
        assertTrue(mail.html().contains("<strong>482913</strong>"), mail.html());
        assertTrue(mail.html().contains("<a href=\"" + link + "\">"), mail.html());
        assertTrue(mail.html().contains("Hello Ada &amp; Co"), mail.html());
        assertTrue(mail.html().contains("confirm while signed in as " + email), "the link alone proves nothing");
        DeliveryLogRows.Row row = awaitStatus(eventId, "Sent");
        assertEquals("Register", row.usageType());
        assertEquals("http://localhost:8081/email-verification?token=REDACTED", row.link());
        String stored = log.everythingStored();
        assertFalse(stored.contains("482913"), "the code rests nowhere in clear");
        assertFalse(stored.contains(link), "nor the link");
    }

    @Test
    void theResetEmailCarriesTheCode() {
        String email = address("forgetful");
        String userId = UUID.randomUUID().toString();
        events.publish(request(userId, email, EmailCodeRequested.FORGOT_PASSWORD, "007311", null, userId));

        ReceivedMail mail = awaitOnlyMailTo(email);
        assertEquals("Your DocuMind password reset code", mail.subject());
        assertTrue(mail.html().contains("<strong>007311</strong>"), mail.html());
    }

    @Test
    void aCodeSealedForAnotherUserDoesNotOpenSendsNothingAndIsRecordedAsFailed() throws Exception {
        String email = address("moved");
        UUID eventId = events.publish(request(UUID.randomUUID().toString(), email, EmailCodeRequested.REGISTER,
                "123456", null, "someone-else"));
        String later = address("later");
        events.publish(request(UUID.randomUUID().toString(), later, EmailCodeRequested.FORGOT_PASSWORD, "654321", null,
                null));
        awaitOnlyMailTo(later); // the partition moved on past the unopenable event
        assertEquals(0, ReceivedMail.inbox(mail, email).size());
        DeliveryLogRows.Row row = log.one(eventId);
        assertEquals("Failed", row.status());
        assertTrue(row.lastError().contains("does not open"), row.lastError());
        assertEquals("EmailFailed", awaitReported(eventId).getFirst().path("type").asText());
    }

    @Test
    void anAddressNoEmailSentCanNameIsRecordedAsFailedAndNeverMailed() {
        // RFC 5321 allows the space in quotes and the SMTP server takes it; the schema of EmailSent does not, so the
        // email's Sent could not be recorded and it went out again each time its claim ran out.
        String email = "\"ann lee " + UUID.randomUUID() + "\"@example.com";
        UUID eventId = events.publish(request(UUID.randomUUID().toString(), email, EmailCodeRequested.FORGOT_PASSWORD,
                "271828", null, null));
        DeliveryLogRows.Row row = awaitStatus(eventId, "Failed");
        assertTrue(row.lastError().contains("no spaces"), row.lastError());
        assertEquals("EmailFailed", awaitReported(eventId).getFirst().path("type").asText());
        assertEquals(0, ReceivedMail.inbox(mail, email).size());
    }

    /** As org-service writes it: code and link sealed to {@code boundTo:usageType} ({@code null}: the user's). */
    private static EmailCodeRequested request(String userId, String email, String usageType, String code, String link,
                                              String boundTo) {
        var key = SealedBox.publicKey(LinkKeys.forThisRun().publicKey(), "test key");
        String ad = EmailCodeRequested.associatedData(boundTo == null ? userId : boundTo, usageType);
        return new EmailCodeRequested(userId, email, "Ada & Co", usageType, SealedBox.seal(key, code, ad),
                link == null ? null : SealedBox.seal(key, link, ad),
                Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
    }
}
