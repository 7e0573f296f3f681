package io.documind.org;

import io.documind.org.token.RefreshTokenPruning;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 15 part 5: stored refresh tokens follow the live sign-ins, and reuse is still caught after pruning. */
@MicronautTest(transactional = false)
class RefreshTokenPruningTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    RefreshTokenPruning pruning;

    @Test
    void theTableCountFollowsSignInsNotRefreshes() {
        Account account = signUp();
        String second = tokenResponse(form("grant_type", "password", "username", account.email(),
                "password", PASSWORD)).path("refresh_token").asText();
        String first = account.refreshToken();
        for (int i = 0; i < 20; i++) {
            first = refresh(first).path("refresh_token").asText();
            second = refresh(second).path("refresh_token").asText();
        }
        assertEquals(42, rowsOf(account), "every rotation is kept until it leaves the reuse window");

        ageRotations(account);
        pruning.prune();

        assertEquals(2, rowsOf(account), "one row per sign-in");
        refresh(first); // both sign-ins go on
        refresh(second);
    }

    @Test
    void aPrunedRotatedTokenStillRevokesItsWholeSignIn() {
        Account account = signUp();
        String successor = refresh(account.refreshToken()).path("refresh_token").asText();
        String latest = refresh(successor).path("refresh_token").asText();
        ageRotations(account);
        pruning.prune();
        assertEquals(1, rowsOf(account));

        assertEquals("invalid_grant", refreshError(account.refreshToken()));
        assertEquals("invalid_grant", refreshError(latest), "the family went with it");
    }

    @Test
    void revokedAndExpiredSignInsArePrunedAndStayRefused() {
        Account revoked = signUp();
        Account expired = signUp();
        assertEquals(200, status(HttpRequest.POST("/oidc/token/revocation", "token=" + revoked.refreshToken())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)));
        transactions.executeWrite(s -> Statements.update(s.getConnection(), """
                UPDATE refresh_token SET expires_at = now() - interval '1 minute' WHERE user_id = ?""",
                expired.id()));
        ageRotations(revoked);
        pruning.prune();

        assertEquals(0, rowsOf(revoked));
        assertEquals(0, rowsOf(expired));
        for (Account account : new Account[] {revoked, expired}) {
            assertEquals("invalid_grant", refreshError(account.refreshToken()));
        }
    }

    /**
     * Pruning skips the rows of a sign-in being revoked rather than waiting on them: it locked its batch in its own
     * order, and a revocation locking the same family's rows in another could deadlock with it. The rows go in the
     * next run.
     */
    @Test
    void pruningSkipsASignInBeingRevokedAndTakesItNextTime() throws Exception {
        Account account = signUp();
        refresh(refresh(account.refreshToken()).path("refresh_token").asText());
        ageRotations(account);
        LockRace.Outcome<Integer, java.util.List<Integer>> race = LockRace.runInTurn(transactions,
                c -> Statements.update(c, """
                        UPDATE refresh_token SET revoked_at = now() - interval '31 seconds'
                        WHERE user_id = ? AND revoked_at IS NULL""", account.id()),
                java.util.List.of(() -> {
                    pruning.prune();
                    return rowsOf(account);
                }));
        assertEquals(3, race.held(), "the revocation held the sign-in's three rows");
        assertEquals(java.util.List.of(3), race.raced(), "pruning went past them without waiting");
        pruning.prune();
        assertEquals(0, rowsOf(account), "and took them in its next run");
    }

    private int rowsOf(Account account) {
        return Integer.parseInt(transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT count(*) FROM refresh_token WHERE user_id = ?", account.id())).getFirst());
    }

    /** Moves the account's rotations and revocations past the 30 s window, as if that much time had gone by. */
    private void ageRotations(Account account) {
        transactions.executeWrite(s -> Statements.update(s.getConnection(), """
                UPDATE refresh_token SET used_at = used_at - interval '31 seconds',
                                         revoked_at = revoked_at - interval '31 seconds'
                WHERE user_id = ?""", account.id()));
    }
}
