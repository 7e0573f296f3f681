package io.documind.org.token;

import io.documind.org.secret.SecretKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a private signing key is stored: sealed under the first configured key, opened by any of them. */
class SigningKeyWrappingTest {

    private static final String OLD = key("old-org-secret-key-for-sealing-1");
    private static final String NEW = key("new-org-secret-key-for-sealing-2");
    private static final String JWK = "{\"kty\":\"RSA\",\"kid\":\"k1\",\"d\":\"private-exponent\",\"n\":\"modulus\"}";

    private static SigningKeyWrapping wrapping(List<String> keys) {
        return new SigningKeyWrapping(SecretKeys.of(keys));
    }

    private static String key(String thirtyTwoCharacters) {
        return Base64.getEncoder().encodeToString(thirtyTwoCharacters.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aStoredKeyIsSealedAndOpensOnlyForItsOwnRow() {
        SigningKeyWrapping wrapping = wrapping(List.of(NEW));
        String stored = wrapping.wrap("k1", JWK);
        assertTrue(stored.startsWith(SigningKeyWrapping.PREFIX), stored);
        assertFalse(stored.contains("private-exponent") || stored.contains("\"d\""), stored);
        assertEquals(JWK, wrapping.unwrap("k1", stored));
        assertFalse(wrapping.needsRewrap(stored));

        IllegalStateException moved = assertThrows(IllegalStateException.class, () -> wrapping.unwrap("k2", stored));
        assertTrue(moved.getMessage().contains("k2"), moved.getMessage());
        String altered = stored.substring(0, stored.length() - 6) + (stored.endsWith("AAAA==") ? "BBBB==" : "AAAA==");
        assertThrows(IllegalStateException.class, () -> wrapping.unwrap("k1", altered));
        assertThrows(IllegalStateException.class, () -> wrapping.unwrap("k1", SigningKeyWrapping.PREFIX + "no-colon"));
    }

    @Test
    void replacingTheKeySealsUnderTheNewOneWhileTheOldOneStillOpens() {
        String underOld = wrapping(List.of(OLD)).wrap("k1", JWK);
        SigningKeyWrapping rollout = wrapping(List.of(OLD, NEW)); // step 1: new opens, old seals
        assertFalse(rollout.needsRewrap(underOld));
        SigningKeyWrapping replaced = wrapping(List.of(NEW, OLD)); // step 2: new seals
        assertTrue(replaced.needsRewrap(underOld));
        assertEquals(JWK, replaced.unwrap("k1", underOld));
        String underNew = replaced.wrap("k1", JWK);
        assertEquals(JWK, rollout.unwrap("k1", underNew), "instances still at step 1 open what step 2 sealed");

        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> wrapping(List.of(OLD)).unwrap("k1", underNew));
        assertTrue(unknown.getMessage().contains(SecretKeys.VARIABLE) && unknown.getMessage().contains("k1"),
                unknown.getMessage());
    }

    @Test
    void aKeyStoredInClearBeforeSealingIsReadAndMarkedForSealing() {
        SigningKeyWrapping wrapping = wrapping(List.of(NEW));
        assertEquals(JWK, wrapping.unwrap("k1", JWK));
        assertTrue(wrapping.needsRewrap(JWK));
    }

    @Test
    void withoutAKeyNothingIsSealedAndTheReasonNamesTheVariable() {
        SigningKeyWrapping none = wrapping(List.of());
        assertTrue(none.missing().orElseThrow().contains(SecretKeys.VARIABLE));
        assertThrows(IllegalStateException.class, () -> none.wrap("k1", JWK));
        assertThrows(IllegalStateException.class, () -> wrapping(List.of("c2hvcnQ=")));
        assertEquals(List.of(OLD, NEW), SecretKeys.split(" " + OLD + " ,, " + NEW + ","));
    }
}
