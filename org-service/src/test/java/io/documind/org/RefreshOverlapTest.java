package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Issue 13 point 5: refresh tokens rotate; a rotated one is still answered within the reuse window only. */
@MicronautTest(transactional = false)
class RefreshOverlapTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aRotatedTokenPresentedAgainWithinTheWindowGetsATokenOfTheSameSignIn() {
        Account account = signUp();
        String successor = refresh(account.refreshToken()).path("refresh_token").asText();
        assertNotEquals(account.refreshToken(), successor);

        String sibling = refresh(account.refreshToken()).path("refresh_token").asText();
        assertNotEquals(successor, sibling);
        // Nothing was revoked: the client keeps either answer, and the sign-in goes on from it.
        String next = refresh(sibling).path("refresh_token").asText();
        refresh(next);
    }

    @Test
    void aSecondChainStartedWithinTheWindowEndsTheSignInWhenTheFirstChainMovesOn() {
        Account account = signUp();
        String successor = refresh(account.refreshToken()).path("refresh_token").asText();
        String stolen = refresh(account.refreshToken()).path("refresh_token").asText(); // a thief, within the window
        String next = refresh(successor).path("refresh_token").asText(); // the client refreshes as usual

        // At once, still within the window: the thief's token was ended by the client's refresh.
        assertEquals("invalid_grant", refreshError(stolen), "the second chain's token was ended by the first's refresh");
        assertEquals("invalid_grant", refreshError(next), "presenting it was reuse: the sign-in is revoked");
    }

    @Test
    void aSecondChainThatMovesOnFirstEndsTheSignInWhenTheFirstComesBack() {
        Account account = signUp();
        String successor = refresh(account.refreshToken()).path("refresh_token").asText();
        String stolen = refresh(account.refreshToken()).path("refresh_token").asText();
        String thiefsNext = refresh(stolen).path("refresh_token").asText(); // the thief refreshes first

        assertEquals("invalid_grant", refreshError(successor), "the client's token was ended by the thief's refresh");
        assertEquals("invalid_grant", refreshError(thiefsNext), "and the thief's chain went with the sign-in");
    }

    @Test
    void aUserTokenAndAnOrganizationTokenRefreshedInParallelBothSucceed() throws Exception {
        Account account = signUp();
        String org = createOrganization(account, "Parallel");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            String refreshToken = latestRefresh(account);
            for (int round = 0; round < 3; round++) {
                String presented = refreshToken;
                CountDownLatch start = new CountDownLatch(1);
                Callable<JsonNode> user = () -> {
                    start.await();
                    return refresh(presented);
                };
                Callable<JsonNode> organization = () -> {
                    start.await();
                    return tokenResponse(form("grant_type", "refresh_token", "refresh_token", presented,
                            "organization_id", org));
                };
                Future<JsonNode> userToken = pool.submit(user);
                Future<JsonNode> organizationToken = pool.submit(organization);
                start.countDown();
                assertFalse(userToken.get().path("access_token").asText().isEmpty(), "round " + round);
                JsonNode orgToken = organizationToken.get();
                assertEquals(ADMIN_SCOPES, List.of(orgToken.path("scope").asText().split(" ")).stream().sorted().toList());
                refreshToken = orgToken.path("refresh_token").asText();
            }
            ageRotations(account);
            refresh(refreshToken); // the sign-in survived every round, and the kept token outlives the window
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reuseAfterTheWindowRevokesTheWholeSignIn() {
        Account account = signUp();
        String successor = refresh(account.refreshToken()).path("refresh_token").asText();
        ageRotations(account);

        assertEquals("invalid_grant", refreshError(account.refreshToken()));
        assertEquals("invalid_grant", refreshError(successor), "the family went with it");
    }

    /** Moves the account's rotations past the 30 s window, as if that much time had gone by. */
    private void ageRotations(Account account) {
        transactions.executeWrite(s -> Statements.update(s.getConnection(), """
                UPDATE refresh_token SET used_at = used_at - interval '31 seconds'
                WHERE user_id = ? AND used_at IS NOT NULL""", account.id()));
    }
}
