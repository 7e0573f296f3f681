package io.documind.org;

import io.documind.org.identity.PasswordHashing;
import io.documind.org.identity.PasswordHashingBusyException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 15: Argon2id runs on a bounded platform-thread pool; a burst is served, a full queue is a 503. */
@MicronautTest(transactional = false)
class PasswordHashingTest extends OrgServiceTest {

    @Inject
    PasswordHashing hashing;

    @Test
    void manyConcurrentSignUpsAndSignInsAllAnswer() throws Exception {
        int clients = 24; // below the default queue of 32: all wait their turn, none is refused
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // Accounts of their own: parallel sign-ins of one account would meet the sign-in throttle instead.
            List<Future<Account>> signUps = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                signUps.add(pool.submit(() -> signUp()));
            }
            List<Future<String>> signIns = new ArrayList<>();
            for (Future<Account> signUp : signUps) {
                Account account = signUp.get();
                assertFalse(account.refreshToken().isEmpty());
                signIns.add(pool.submit(() -> tokenResponse(form("grant_type", "password",
                        "username", account.email(), "password", PASSWORD)).path("refresh_token").asText()));
            }
            for (Future<String> signIn : signIns) {
                assertFalse(signIn.get().isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterNotAnErrorOrAHang() throws Exception {
        Account account = signUp();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // Occupies every hashing thread and queue place (more than there are: the surplus is refused at once).
            java.util.concurrent.Callable<Boolean> occupy = () -> {
                try {
                    return hashing.run(() -> {
                        try {
                            return release.await(Duration.ofSeconds(60).toMillis(),
                                    java.util.concurrent.TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    });
                } catch (PasswordHashingBusyException refused) {
                    return false;
                }
            };
            for (int i = 0; i < 200; i++) {
                pool.submit(occupy);
            }
            // The idle hashing threads take their first tasks from the queue a moment after the burst filled it,
            // which can leave a place or two free: keep occupying until the queue is full.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                pool.submit(occupy);
                try {
                    hashing.refuseWhenFull();
                    return false;
                } catch (PasswordHashingBusyException full) {
                    return true;
                }
            });

            HttpClientResponseException signIn = failure(tokenRequest(form("grant_type", "password",
                    "username", account.email(), "password", PASSWORD)));
            assertEquals(503, signIn.getStatus().getCode());
            assertEquals("temporarily_unavailable", json(body(signIn)).path("error").asText());
            assertEquals("1", signIn.getResponse().getHeaders().get("Retry-After"));

            HttpClientResponseException signUp = failure(HttpRequest.POST("/sign-up", Map.of(
                    "email", "busy-" + account.email(), "password", PASSWORD, "name", "Busy")));
            assertEquals(503, signUp.getStatus().getCode());
            assertTrue(signUp.getResponse().getContentType().orElseThrow().toString().contains("problem+json"));
            assertEquals(503, json(body(signUp)).path("status").asInt());
            assertEquals("1", signUp.getResponse().getHeaders().get("Retry-After"));
        } finally {
            release.countDown();
            pool.shutdown();
        }
        // Drained: the same sign-in succeeds, and the refused one counted no failure against the account.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                hashing.refuseWhenFull();
                return true;
            } catch (PasswordHashingBusyException stillFull) {
                return false;
            }
        });
        assertFalse(tokenResponse(form("grant_type", "password", "username", account.email(), "password", PASSWORD))
                .path("access_token").asText().isEmpty());
    }
}
