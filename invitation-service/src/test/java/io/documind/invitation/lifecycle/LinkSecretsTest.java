package io.documind.invitation.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkSecretsTest {

    @Test
    void aSecretIsAtLeast128RandomBitsInBase64UrlAndOnlyItsHashIsKept() {
        LinkSecrets.Minted minted = LinkSecrets.mint();
        assertTrue(minted.token().matches("[A-Za-z0-9_-]+"), minted.token());
        assertTrue(Base64.getUrlDecoder().decode(minted.token()).length * 8 >= 128);
        assertEquals(32, minted.hash().length);
        assertFalse(new String(minted.hash(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(minted.token()));
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(LinkSecrets.mint().token());
        }
        assertEquals(1000, tokens.size());
    }

    @Test
    void onlyTheSecretItselfMatches() {
        LinkSecrets.Minted minted = LinkSecrets.mint();
        assertTrue(LinkSecrets.matches(minted.token(), minted.hash()));
        String token = minted.token();
        String flipped = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertNotEquals(token, flipped);
        assertFalse(LinkSecrets.matches(flipped, minted.hash()));
        assertFalse(LinkSecrets.matches(null, minted.hash()));
        assertFalse(LinkSecrets.matches("", minted.hash()));
        assertFalse(LinkSecrets.matches("x".repeat(10_000), minted.hash()));
        assertFalse(LinkSecrets.matches(token, null));
    }
}
