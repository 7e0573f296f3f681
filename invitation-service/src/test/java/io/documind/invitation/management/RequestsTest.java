package io.documind.invitation.management;

import io.documind.invitation.lifecycle.InvitationStatus;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of the Logto-shaped bodies and of who the caller is, without a server. */
class RequestsTest {

    @Test
    void expiresAtIsEpochMillisAsLogtoSendsItOrAnIsoInstant() {
        assertNull(create(null, null).requestedExpiry());
        assertNull(create(JsonNode.nullNode(), null).requestedExpiry());
        assertEquals(Instant.ofEpochMilli(1_900_000_000_123L), create(JsonNode.createNumberNode(1_900_000_000_123L), null).requestedExpiry());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), create(JsonNode.createStringNode("2030-01-01T00:00:00Z"), null).requestedExpiry());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), create(JsonNode.createStringNode("2030-01-01T01:00:00+01:00"), null).requestedExpiry());
        for (JsonNode bad : List.of(JsonNode.createStringNode("tomorrow"), JsonNode.createBooleanNode(true),
                JsonNode.createObjectNode(Map.of()))) {
            ProblemException e = assertThrows(ProblemException.class, () -> create(bad, null).requestedExpiry());
            assertEquals(400, e.status().getCode());
            assertEquals("expiresAt", e.field());
        }
    }

    @Test
    void theMessageIsSentUnlessMessagePayloadIsFalse() {
        assertTrue(create(null, null).sendsMessage());
        assertTrue(create(null, JsonNode.createObjectNode(Map.of("locale", JsonNode.createStringNode("en")))).sendsMessage());
        assertFalse(create(null, JsonNode.createBooleanNode(false)).sendsMessage());
        assertEquals("messagePayload", assertThrows(ProblemException.class,
                () -> create(null, JsonNode.createBooleanNode(true)).sendsMessage()).field(),
                "Logto's messagePayload is an object or false");
        assertEquals("messagePayload", assertThrows(ProblemException.class,
                () -> create(null, JsonNode.createStringNode("no")).sendsMessage()).field());
    }

    @Test
    void aStatusChangeIsRevokedOrAcceptedWithTheUser() {
        assertEquals(InvitationStatus.Revoked, new StatusChangeRequest("Revoked", null).target());
        assertEquals(InvitationStatus.Accepted, new StatusChangeRequest("Accepted", "user-1").target());
        assertEquals("acceptedUserId", assertThrows(ProblemException.class,
                () -> new StatusChangeRequest("Accepted", null).target()).field());
        assertEquals("acceptedUserId", assertThrows(ProblemException.class,
                () -> new StatusChangeRequest("Revoked", "user-1").target()).field());
        for (String other : List.of("Pending", "Expired", "revoked", "Gone")) {
            ProblemException e = assertThrows(ProblemException.class, () -> new StatusChangeRequest(other, "u").target());
            assertEquals(400, e.status().getCode());
            assertEquals("status", e.field());
        }
    }

    @Test
    void anOrganizationTokenActsOnItsOwnOrganizationOnly() {
        Caller member = Caller.member("org-a", "user-1");
        assertEquals("org-a", member.organization(null, true));
        assertEquals("org-a", member.organization("org-a", true));
        ProblemException other = assertThrows(ProblemException.class, () -> member.organization("org-b", false));
        assertEquals(403, other.status().getCode());

        Caller machine = Caller.management("m2m");
        assertEquals("org-b", machine.organization("org-b", true));
        assertNull(machine.organization(null, false));
        assertEquals(400, assertThrows(ProblemException.class, () -> machine.organization(" ", true)).status().getCode());
        assertEquals(403, assertThrows(ProblemException.class,
                () -> new Caller(TokenKind.USER, "u", null, null, null, null)).status().getCode());
    }

    private static CreateInvitationRequest create(JsonNode expiresAt, JsonNode messagePayload) {
        return new CreateInvitationRequest("a@b.c", "org", null, List.of("Member"), null, expiresAt, messagePayload);
    }
}
