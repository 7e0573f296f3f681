package io.documind.org;

import io.documind.org.token.LoginFailures;
import io.documind.org.token.LoginThrottle;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The token endpoint's throttle over real HTTP, each caller on its own loopback address (127.0.0.0/8 is all
 * loopback on Linux): strangers cannot lock the owner out, yet guessing stays bounded per account.
 */
@MicronautTest(transactional = false)
class SignInThrottleTest extends OrgServiceTest {

    @Inject
    EmbeddedServer server;

    @Inject
    LoginFailures failures;

    /**
     * One key counted up and cleared (a success clears it) by many updates at once, as parallel sign-ins from one
     * address do: each update finds its row to lock even when another has just deleted it. Reading the row with a
     * second statement after inserting a placeholder failed here (NoSuchElementException, a 500 at the endpoint).
     */
    @Test
    void concurrentUpdatesOfOneKeyNeverFindItsRowGone() throws Exception {
        String key = "race:" + UUID.randomUUID();
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> updates = IntStream.range(0, 400).<Future<?>>mapToObj(i -> pool.submit(() ->
                    failures.update(List.of(key), current -> i % 2 == 0 ? Map.of()
                            : Map.of(key, new LoginThrottle.Failures(1, Instant.now(), null))))).toList();
            for (Future<?> update : updates) {
                update.get(); // rethrows what an update threw
            }
        }
    }

    @Test
    void guessesFromAnotherAddressSlowThatAddressButNeverLockTheOwnerOut() {
        Account owner = signUp(); // signed in once from 127.0.0.1
        List<Integer> stranger = IntStream.range(0, 8).mapToObj(i -> password("127.0.0.2",
                i % 2 == 0 ? owner.email().toUpperCase() : owner.email(), "wrong" + i).statusCode()).toList();
        assertEquals(List.of(400, 400, 400, 400, 400, 400, 429, 429), stranger,
                "five free failures and a sixth, then this address waits (a case variant is the same account)");
        assertEquals(200, password("127.0.0.1", owner.email(), PASSWORD).statusCode(), "the owner at home");
        assertEquals(200, password("127.0.0.3", owner.email(), PASSWORD).statusCode(), "the owner anywhere else");
        HttpResponse<String> still = password("127.0.0.2", owner.email(), PASSWORD);
        assertEquals(429, still.statusCode(), "the stranger's address waits, even with the password");
        assertEquals("slow_down", json(still.body()).path("error").asText());
    }

    @Test
    void parallelGuessesFromManyAddressesStopAtTheAccountLimitWhileTheOwnerStillSignsIn() throws Exception {
        Account owner = signUp();
        List<Integer> statuses = atOnce(30, 10, i ->
                password("127.0.1." + (i + 1), owner.email(), "wrong" + (i + 1)).statusCode());
        Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(400, 20L, 429, 10L), counts, "exactly the account's 20 guesses are checked");
        assertEquals(429, password("127.0.2.1", owner.email(), PASSWORD).statusCode(),
                "a new address may not guess on, even rightly");
        assertEquals(200, password("127.0.0.1", owner.email(), PASSWORD).statusCode(),
                "where the owner signed in before stays open");
    }

    /**
     * One account signing in many times at once from one host (parallel workers of a client): Argon2 keeps each
     * attempt in flight for a while, and none is refused for the others being in flight.
     */
    @Test
    void manyRightSignInsAtOnceFromOneAddressAllSucceed() throws Exception {
        Account owner = signUp();
        List<Integer> statuses = atOnce(12, 12, i -> password("127.0.0.6", owner.email(), PASSWORD).statusCode());
        assertEquals(Collections.nCopies(12, 200), statuses);
    }

    /** {@code call(0..count-1)} on {@code threads} threads at once; their answers in that order. */
    private static List<Integer> atOnce(int count, int threads, IntFunction<Integer> call) throws Exception {
        try (var pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> calls = IntStream.range(0, count)
                    .mapToObj(i -> pool.submit(() -> call.apply(i))).toList();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> answer : calls) {
                answers.add(answer.get());
            }
            return answers;
        }
    }

    @Test
    void clientCredentialsFailuresAreThrottledToo() {
        List<Integer> statuses = IntStream.range(0, 7).mapToObj(i ->
                token("127.0.0.4", form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT,
                        "client_secret", "wrong-secret-" + i)).statusCode()).toList();
        assertEquals(List.of(401, 401, 401, 401, 401, 401, 429), statuses);
        assertEquals(429, token("127.0.0.4", form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT,
                "client_secret", MANAGEMENT_SECRET)).statusCode());
        assertEquals(200, token("127.0.0.1", form("grant_type", "client_credentials", "client_id", MANAGEMENT_CLIENT,
                "client_secret", MANAGEMENT_SECRET)).statusCode(), "the app elsewhere is not locked out");
    }

    private HttpResponse<String> password(String from, String email, String password) {
        return token(from, form("grant_type", "password", "username", email, "password", password));
    }

    /** POST /oidc/token from the given local address. */
    private HttpResponse<String> token(String from, Map<String, String> form) {
        return FromAddress.token(server.getPort(), from, form);
    }
}
