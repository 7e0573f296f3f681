package io.documind.invitation.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InvitationLinksTest {

    private static final UUID ID = UUID.fromString("3f1c2a9e-0000-4000-8000-000000000001");

    @Test
    void theDefaultTemplateIsDesignSection7() {
        assertEquals("http://localhost:3000/invitation/" + ID + "?token=abc",
                new InvitationLinks(InvitationLinks.DEFAULT_TEMPLATE).link(ID, "abc"));
    }

    @Test
    void anyTemplateWithTheTokenWorks() {
        assertEquals("https://app.example.com/join?t=abc",
                new InvitationLinks("https://app.example.com/join?t={token}").link(ID, "abc"));
    }

    @Test
    void aTemplateThatCannotCarryTheSecretStopsTheService() {
        assertThrows(IllegalArgumentException.class, () -> new InvitationLinks("http://localhost:3000/invitation/{id}"));
        assertThrows(IllegalArgumentException.class, () -> new InvitationLinks("/relative/{token}"));
        assertThrows(IllegalArgumentException.class, () -> new InvitationLinks("http://bad host/{token}"));
        assertThrows(IllegalArgumentException.class, () -> new InvitationLinks((String) null));
        // In the path the secret would be stored in clear: the delivery log redacts only the query and fragment.
        assertThrows(IllegalArgumentException.class, () -> new InvitationLinks("https://app.example.com/join/{token}"));
        assertThrows(IllegalArgumentException.class,
                () -> new InvitationLinks("https://app.example.com/join/{token}?id={id}"));
        assertEquals("https://app.example.com/join/" + ID + "#abc",
                new InvitationLinks("https://app.example.com/join/{id}#{token}").link(ID, "abc"));
    }
}
