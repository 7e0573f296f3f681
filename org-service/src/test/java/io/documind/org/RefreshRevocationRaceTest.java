package io.documind.org;

import io.documind.org.token.RefreshTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
     * Two unused tokens of one sign-in (a client's and a thief's, from the reuse window) refreshed at the same
     * moment. The first one's row is held, so its refresh waits inside its statement, its snapshot already taken,
     * while the second one's refresh runs. Without the family's hold the second finished at once (it passed over
     * the held row), the first then finished on its old snapshot, and both chains lived on. With it, the second
     * waits for the first and finds its token ended: reuse, and the sign-in is revoked.
     */
    @Test
    void twoTokensOfOneSignInRefreshedAtOnceCannotBothLiveOn() throws Exception {
        Account account = signUp();
        String first = refresh(account.refreshToken()).path("refresh_token").asText();
        String second = refresh(account.refreshToken()).path("refresh_token").asText();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Object> holder = pool.submit(() -> transactions.executeWrite(s -> {
                Statements.strings(s.getConnection(), """
                        SELECT token_hash FROM refresh_token
                        WHERE token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex') FOR UPDATE""",
                        first.substring(first.indexOf('.') + 1));
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Future<Integer> firstRefresh = pool.submit(() -> refreshStatus(first));
            await().atMost(Duration.ofSeconds(10)).until(() -> statementsWaitingOnALock() >= 1);
            Future<Integer> secondRefresh = pool.submit(() -> refreshStatus(second));
            await().atMost(Duration.ofSeconds(10)).until(() -> secondRefresh.isDone() || statementsWaitingOnALock() >= 2);
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            int firstStatus = firstRefresh.get(10, TimeUnit.SECONDS);
            int secondStatus = secondRefresh.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(200, 400), List.of(firstStatus, secondStatus), "both chains lived on");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private int refreshStatus(String refreshToken) {
        return status(tokenRequest(form("grant_type", "refresh_token", "refresh_token", refreshToken)));
    }

    private long statementsWaitingOnALock() {
        return transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'""").size());
    }

    private UUID familyOf(String presented) {
        return transactions.executeRead(s -> UUID.fromString(Statements.strings(s.getConnection(), """
                SELECT family_id FROM refresh_token WHERE token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')""",
                presented.substring(presented.indexOf('.') + 1)).getFirst()));
    }
}
