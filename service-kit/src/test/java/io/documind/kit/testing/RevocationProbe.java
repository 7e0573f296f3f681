package io.documind.kit.testing;

import io.documind.contracts.events.DomainEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shows that a service refuses a token issued before an event shrank its authority (401 {@code invalid_token}
 * saying why) once the event reached it, and still accepts a token carrying the event's new version.
 */
public final class RevocationProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RevocationProbe() {
    }

    /**
     * @param path  a GET route the tokens may call
     * @param stale a token below the version {@code event} carries
     * @param fresh a token at that version
     */
    public static void refusedOnceTheEventArrives(URI base, String path, EventFeed events, DomainEvent event,
                                                  String stale, String fresh) {
        int accepted = get(base, path, stale).statusCode();
        assertNotEquals(401, accepted, "the stale token before the event");
        events.publish(event);
        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(30))
                .until(() -> get(base, path, stale), r -> r.statusCode() == 401);
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\"The access token "),
                challenge);
        assertTrue(refused.body().contains("new token"), refused.body());
        assertEquals(accepted, get(base, path, fresh).statusCode(), "a token at the new version");
    }

    private static HttpResponse<String> get(URI base, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
