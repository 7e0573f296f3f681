package io.documind.org;

import io.documind.org.token.RefreshTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.sql.Connection;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Ending a sign-in while one of its tokens is being rotated: the successor, committed by the rotation after the
 * revocation started, must end with it (a logout racing a background refresh must not leave a live token).
 */
@MicronautTest(transactional = false)
class RefreshRevocationRaceTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    RefreshTokens refreshTokens;

    @Test
    void aRevocationThatWaitedForARotationAlsoRevokesItsSuccessor() throws Exception {
        assertSuccessorRevoked(presented -> refreshTokens.revoke(presented));
    }

    @Test
    void reuseDetectedWhileARotationIsInFlightAlsoRevokesItsSuccessor() throws Exception {
        // The sign-in's end as reuse detection and an outgrown authority call it: by family.
        assertSuccessorRevoked(presented -> refreshTokens.revokeFamily(familyOf(presented)));
    }

    /**
     * Holds a rotation of a fresh sign-in's token open (its successor inserted, not committed), ends the sign-in
     * from another transaction, which must wait on the presented token's row lock, lets the rotation commit, and
     * checks that its successor is refused.
     */
    private void assertSuccessorRevoked(Consumer<String> ending) throws Exception {
        String presented = signUp().refreshToken();
        LockRace.Outcome<RefreshTokens.Rotation, Void> race = LockRace.run(transactions,
                c -> refreshTokens.rotate(presented),
                () -> transactions.executeWrite(s -> {
                    ending.accept(presented);
                    return null;
                }));
        RefreshTokens.Rotated rotated = assertInstanceOf(RefreshTokens.Rotated.class, race.held());

        assertEquals("invalid_grant", refreshError(rotated.next()), "the successor outlived its sign-in");
        assertEquals("invalid_grant", refreshError(presented));
    }

    /**
     * A user's deletion locks the user and then, cascading, its refresh tokens. A refresh of one of them at that
     * moment used to lock its token first and then wait on the user (its successor's foreign key): each side held
     * what the other wanted, and PostgreSQL ended one. Now the refresh holds the user before its token, so it
     * waits for the deletion without holding anything the deletion needs.
     */
    @Test
    void aRefreshWhileItsUserIsBeingDeletedWaitsInsteadOfDeadlocking() throws Exception {
        Account account = signUp();
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, "SELECT id FROM app_user WHERE id = ? FOR UPDATE", account.id()),
                c -> Statements.strings(c, "SELECT token_hash FROM refresh_token WHERE user_id = ? FOR UPDATE",
                        account.id()),
                () -> refreshStatus(account.refreshToken()));
        assertEquals(1, race.held().size(), "the deletion's second lock");
        assertEquals(200, race.raced(), "the refresh, which waited for the deletion's transaction");
    }

    /**
     * Two unused tokens of one sign-in (a client's and a thief's, from the reuse window) refreshed at the same
     * moment. The first one's row is held, so its refresh waits inside its statement, its snapshot already taken,
     * while the second one's refresh runs. Without the family's hold the second finished at once (it passed over
     * the held row), the first then finished on its old snapshot, and both chains lived on. With it, the second
     * waits for the first and finds its token ended: reuse, and the sign-in is revoked.
     */
    @Test
    void twoTokensOfOneSignInRefreshedAtOnceCannotBothLiveOn() throws Exception {
        assertOnlyOneChainLives(second -> second);
    }

    /**
     * {@link #twoTokensOfOneSignInRefreshedAtOnceCannotBothLiveOn} with the second token's family prefix forged or
     * cut off: a client writes the prefix. The rotation's hold was keyed by the prefix, so such a token took another
     * lock than its sibling's refresh, passed the held row, and both chains lived on.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aTokenPresentedUnderAnotherFamilyOrNoneCannotKeepASecondChain(boolean forged) throws Exception {
        assertOnlyOneChainLives(second -> {
            String secret = second.substring(second.indexOf('.') + 1);
            return forged ? anotherFamily() + "." + secret : secret;
        });
    }

    /**
     * Two siblings of one sign-in from the reuse window, the second presented as {@code presentedAs} makes it: the
     * first's row is held, so its refresh waits inside its statement while the second's runs.
     */
    private void assertOnlyOneChainLives(UnaryOperator<String> presentedAs) throws Exception {
        Account account = signUp();
        String first = refresh(account.refreshToken()).path("refresh_token").asText();
        String second = presentedAs.apply(refresh(account.refreshToken()).path("refresh_token").asText());
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> Statements.strings(c, """
                        SELECT token_hash FROM refresh_token
                        WHERE token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex') FOR UPDATE""",
                        first.substring(first.indexOf('.') + 1)),
                List.of(() -> refreshStatus(first), () -> refreshStatus(second)));
        assertEquals(List.of(200, 400), race.raced(), "both chains lived on");
    }

    @Test
    void aTokenWithAForgedFamilyIsUnknownAndLeavesTheRealOneUsable() {
        String real = signUp().refreshToken();
        String forged = anotherFamily() + real.substring(real.indexOf('.'));
        assertEquals("invalid_grant", refreshError(forged));
        assertEquals(200, refreshStatus(real));
    }

    /** A family prefix as tokens carry it (16 bytes, base64url), of no sign-in. */
    private static String anotherFamily() {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private int refreshStatus(String refreshToken) {
        return status(tokenRequest(form("grant_type", "refresh_token", "refresh_token", refreshToken)));
    }

    private UUID familyOf(String presented) {
        return transactions.executeRead(s -> UUID.fromString(Statements.strings(s.getConnection(), """
                SELECT family_id FROM refresh_token WHERE token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')""",
                presented.substring(presented.indexOf('.') + 1)).getFirst()));
    }
}
