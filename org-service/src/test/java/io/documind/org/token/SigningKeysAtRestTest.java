package io.documind.org.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.documind.kit.crypto.SecretBox;
import io.documind.localstack.testing.ServiceTestProperties;
import io.documind.org.Statements;
import io.documind.org.resource.ApiResourceRepository;
import io.documind.org.secret.SecretKeys;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issuer's private keys kept in the org database are stored sealed (SigningKeyWrapping): a copy of the database
 * alone cannot sign tokens. Each {@link #start} below is what a start of an instance with that setting does.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigningKeysAtRestTest implements TestPropertyProvider {

    private static final String LOCAL = SecretKeys.LOCAL_DEVELOPMENT_KEY;
    private static final String REPLACEMENT = Base64.getEncoder().encodeToString(
            "replacement-key-for-signing-keys".getBytes(StandardCharsets.US_ASCII));

    @Inject
    KeyRing running;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    SigningKeyRepository stored;
    @Inject
    ApiResourceRepository resources;
    @Inject
    TokenSettings settings;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestProperties.forService("org-service"));
        p.put("documind.security.issuer", "http://org-service.test/oidc");
        p.put("documind.management.client-id", "test-management");
        p.put("documind.management.client-secret", "test-management-secret-0123456789");
        return p;
    }

    /** An instance starting with these sealing keys (the first seals). */
    private KeyRing start(String... keys) {
        KeyRing ring = new KeyRing(transactions, stored, resources, settings,
                new SigningKeyWrapping(SecretKeys.of(List.of(keys))));
        ring.load();
        return ring;
    }

    @Test
    void everyKeyInTheDatabaseIsStoredSealedWithNoPrivatePartInClear() {
        String next = running.rotate();
        List<String> kids = column("kid");
        assertTrue(kids.contains(next) && kids.size() >= 2, kids.toString());
        String sealedUnderLocal = "sealed:v1:" + SecretBox.fromBase64(LOCAL, "local").keyId() + ":";
        for (String stored : column("private_jwk")) {
            assertTrue(stored.startsWith(sealedUnderLocal), stored);
            for (String privatePart : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"")) {
                assertFalse(stored.contains(privatePart), stored);
            }
        }
        // What the issuer signs with is what it stored, and what it publishes is that key's public half.
        RSAKey signing = running.signingKey();
        assertTrue(signing.isPrivate());
        assertEquals(List.of(signing.toPublicJWK().toJSONString()),
                query("SELECT public_jwk FROM signing_key WHERE kid = ?", signing.getKeyID()));
    }

    @Test
    void aKeyStoredInClearBeforeSealingExistedIsSealedAtTheNextStartAndStaysPublished() throws Exception {
        RSAKey legacy = new RSAKeyGenerator(2048).keyID("legacy-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        update("INSERT INTO signing_key (kid, private_jwk, public_jwk, not_before) VALUES (?, ?, ?, now() - interval "
                + "'1 day')", legacy.getKeyID(), legacy.toJSONString(), legacy.toPublicJWK().toJSONString());

        try {
            KeyRing started = start(LOCAL);

            String stored = privateJwkOf(legacy.getKeyID());
            assertTrue(stored.startsWith("sealed:v1:") && !stored.contains("\"d\""), stored);
            // Opened and parsed at that start (a row that does not open fails it), and still published.
            assertTrue(started.publicKeys().getKeys().stream().anyMatch(k -> k.getKeyID().equals(legacy.getKeyID())));
        } finally {
            update("DELETE FROM signing_key WHERE kid = ?", legacy.getKeyID());
            running.refresh();
        }
    }

    @Test
    void aRunningInstanceSealsAKeyLeftInClearAtItsNextRefresh() throws Exception {
        RSAKey clear = new RSAKeyGenerator(2048).keyID("clear-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        // What an instance of the version before sealing writes while a rollout is under way.
        update("INSERT INTO signing_key (kid, private_jwk, public_jwk, not_before, retired_at) VALUES (?, ?, ?, now() "
                + "- interval '1 day', now() + interval '1 day')", clear.getKeyID(), clear.toJSONString(),
                clear.toPublicJWK().toJSONString());
        try {
            running.refresh();
            assertTrue(privateJwkOf(clear.getKeyID()).startsWith("sealed:v1:"), privateJwkOf(clear.getKeyID()));
        } finally {
            update("DELETE FROM signing_key WHERE kid = ?", clear.getKeyID());
            running.refresh();
        }
    }

    @Test
    void replacingTheSealingKeySealsEveryStoredKeyAgainAndAnInstanceWithoutTheNewKeyRefusesToStart() {
        start(REPLACEMENT, LOCAL);
        String underReplacement = "sealed:v1:" + SecretBox.fromBase64(REPLACEMENT, "replacement").keyId() + ":";
        assertTrue(column("private_jwk").stream().allMatch(stored -> stored.startsWith(underReplacement)),
                column("private_jwk").toString());

        // This instance's own setting holds only the old key: it cannot open them and says which key it lacks.
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> start(LOCAL));
        assertTrue(refused.getMessage().contains("not among " + SecretKeys.VARIABLE), refused.getMessage());

        start(LOCAL, REPLACEMENT);
        String underLocal = "sealed:v1:" + SecretBox.fromBase64(LOCAL, "local").keyId() + ":";
        assertTrue(column("private_jwk").stream().allMatch(stored -> stored.startsWith(underLocal)));
    }

    @Test
    void aSealedKeyCopiedOntoAnotherKeysRowDoesNotOpen() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID("copied-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        String someoneElses = column("private_jwk").get(0);
        update("INSERT INTO signing_key (kid, private_jwk, public_jwk, not_before, retired_at) VALUES (?, ?, ?, now(), "
                + "now())", other.getKeyID(), someoneElses, other.toPublicJWK().toJSONString());
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> start(LOCAL));
            assertTrue(refused.getMessage().contains(other.getKeyID() + " does not open"), refused.getMessage());
        } finally {
            update("DELETE FROM signing_key WHERE kid = ?", other.getKeyID());
        }
    }

    @Test
    void aRunningInstanceThatCannotReadTheKeysAnyLongerFollowsTheirRetirementAndLeavesOutKeysItNeverRead() {
        KeyRing replaced = start(REPLACEMENT, LOCAL);
        String before = running.signingKey().getKeyID();
        try {
            // Everything is now sealed under a key the running instance was never given; then a rotation.
            String next = replaced.rotate();
            running.refresh();
            assertEquals(before, running.signingKey().getKeyID(), "it signs with the key it had read");
            assertFalse(running.publicKeys().getKeys().stream().anyMatch(k -> k.getKeyID().equals(next)),
                    "it does not publish a key it could not open and check");

            // Its key's retirement comes: it stops signing with it although it cannot read the row any longer.
            update("UPDATE signing_key SET retired_at = now() - interval '1 second' WHERE kid = ?", before);
            running.refresh();
            String after;
            try {
                after = running.signingKey().getKeyID();
            } catch (IllegalStateException none) {
                after = "none";
            }
            assertNotEquals(before, after);
        } finally {
            update("UPDATE signing_key SET retired_at = NULL WHERE kid = ?", before);
            start(LOCAL, REPLACEMENT);
            running.refresh();
        }
    }

    private List<String> column(String name) {
        return query("SELECT " + name + " FROM signing_key ORDER BY kid");
    }

    private String privateJwkOf(String kid) {
        return query("SELECT private_jwk FROM signing_key WHERE kid = ?", kid).get(0);
    }

    private List<String> query(String sql, Object... parameters) {
        return transactions.executeRead(s -> Statements.strings(s.getConnection(), sql, parameters));
    }

    private void update(String sql, Object... parameters) {
        transactions.executeWrite(s -> Statements.update(s.getConnection(), sql, parameters));
    }
}
