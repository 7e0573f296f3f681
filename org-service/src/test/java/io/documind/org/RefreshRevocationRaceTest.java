package io.documind.org;

import io.documind.org.token.RefreshTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
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

    private interface Ending {
        void end(String presented);
    }

    /**
     * Holds a rotation of a fresh sign-in's token open (its successor inserted, not committed), ends the sign-in
     * from another transaction, which must wait on the presented token's row lock, lets the rotation commit, and
     * checks that its successor is refused.
     */
    private void assertSuccessorRevoked(Ending ending) throws Exception {
        Account account = signUp();
        String presented = account.refreshToken();
        CountDownLatch rotatedNotCommitted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RefreshTokens.Rotation> rotation = pool.submit(() -> transactions.executeWrite(s -> {
                RefreshTokens.Rotation rotated = refreshTokens.rotate(presented);
                rotatedNotCommitted.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return rotated;
            }));
            assertEquals(true, rotatedNotCommitted.await(10, TimeUnit.SECONDS));
            Future<?> revocation = pool.submit(() -> transactions.executeWrite(s -> {
                ending.end(presented);
                return null;
            }));
            await().atMost(Duration.ofSeconds(10)).until(this::aStatementWaitsOnALock);

            commit.countDown();
            RefreshTokens.Rotated rotated = assertInstanceOf(RefreshTokens.Rotated.class, rotation.get(10, TimeUnit.SECONDS));
            revocation.get(10, TimeUnit.SECONDS);

            assertEquals("invalid_grant", refreshError(rotated.next()), "the successor outlived its sign-in");
            assertEquals("invalid_grant", refreshError(presented));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    private boolean aStatementWaitsOnALock() {
        return transactions.executeRead(s -> !Statements.strings(s.getConnection(), """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'""").isEmpty());
    }

    private UUID familyOf(String presented) {
        return transactions.executeRead(s -> UUID.fromString(Statements.strings(s.getConnection(), """
                SELECT family_id FROM refresh_token WHERE token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')""",
                presented.substring(presented.indexOf('.') + 1)).getFirst()));
    }
}
