package io.documind.org.emailcode;

import io.documind.org.secret.SecretKeys;
import io.documind.org.token.Secrets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An emailed code rests keyed: only a holder of org-service's secret keys can tell which code it is. */
class CodeDigestTest {

    private static final String OLD = key("old-org-secret-key-for-hashing-1");
    private static final String NEW = key("new-org-secret-key-for-hashing-2");
    private static final String MATERIAL = "user-1:ForgotPassword:123456";

    private static String key(String thirtyTwoCharacters) {
        return Base64.getEncoder().encodeToString(thirtyTwoCharacters.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aCodeMatchesOnlyItselfUnderOurKeys() {
        CodeDigest digest = new CodeDigest(SecretKeys.of(List.of(NEW)));
        String stored = digest.digest(MATERIAL);
        assertTrue(stored.startsWith(CodeDigest.PREFIX), stored);
        assertFalse(stored.contains(Secrets.hash(MATERIAL)));
        assertTrue(digest.matches(MATERIAL, stored));
        assertFalse(digest.matches("user-1:ForgotPassword:123457", stored));
        assertFalse(digest.matches("user-2:ForgotPassword:123456", stored));
        String altered = stored.substring(0, stored.length() - 1) + (stored.endsWith("0") ? "1" : "0");
        assertFalse(digest.matches(MATERIAL, altered), "altered");
        assertFalse(new CodeDigest(SecretKeys.of(List.of(OLD))).matches(MATERIAL, stored), "a key that is not ours");
        assertFalse(digest.matches(MATERIAL, CodeDigest.PREFIX + "no-key-id"));
        assertFalse(digest.matches(null, stored));
    }

    @Test
    void codesHashedUnderTheOldKeyStillMatchWhileTheKeyIsReplaced() {
        String underOld = new CodeDigest(SecretKeys.of(List.of(OLD))).digest(MATERIAL);
        CodeDigest replaced = new CodeDigest(SecretKeys.of(List.of(NEW, OLD)));
        assertTrue(replaced.matches(MATERIAL, underOld));
        assertNotEquals(underOld, replaced.digest(MATERIAL), "new codes under the new key");
    }

    @Test
    void aPlainHashFromBeforeTheKeyedFormStillMatches() {
        CodeDigest digest = new CodeDigest(SecretKeys.of(List.of(NEW)));
        assertTrue(digest.matches(MATERIAL, Secrets.hash(MATERIAL)));
        assertFalse(digest.matches("user-1:ForgotPassword:000000", Secrets.hash(MATERIAL)));
    }
}
