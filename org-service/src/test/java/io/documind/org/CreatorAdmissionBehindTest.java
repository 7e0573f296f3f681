package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 point 4 while events do not get through (this instance consumes nothing, as when Kafka is down): the
 * create answers 202 after the bounded wait, and the creator's token request says to retry.
 */
@MicronautTest(transactional = false)
class CreatorAdmissionBehindTest extends OrgServiceTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("documind.consumer.enabled", "false");
        p.put("documind.organization.creator-wait", "700ms");
        return p;
    }

    @Test
    void theCreateAnswers202AfterTheBoundAndTheCreatorIsToldToRetry() {
        Account creator = signUp();
        long started = System.nanoTime();
        HttpResponse<String> accepted = http.toBlocking().exchange(HttpRequest.POST("/organizations",
                Map.of("name", "Behind")).bearerAuth(creator.accessToken()), String.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(202, accepted.code());
        assertEquals("1", accepted.header("Retry-After"));
        String org = json(accepted.body()).path("id").asText();
        assertEquals("/organizations/" + org, accepted.header("Location"));
        assertEquals("Behind", json(accepted.body()).path("name").asText());
        assertTrue(took.compareTo(Duration.ofMillis(700)) >= 0 && took.compareTo(Duration.ofSeconds(20)) < 0,
                "bounded wait, took " + took);

        HttpClientResponseException retry = failure(tokenRequest(form("grant_type", "refresh_token",
                "refresh_token", creator.refreshToken(), "organization_id", org)));
        assertEquals(503, retry.getStatus().getCode());
        assertEquals("1", retry.getResponse().header("Retry-After"));
        JsonNode error = json(body(retry));
        assertEquals("temporarily_unavailable", error.path("error").asText());
        assertTrue(error.path("error_description").asText().contains("retry"));

        // The refused request did not spend the refresh token; someone else is simply not a member.
        Account stranger = signUp();
        HttpClientResponseException denied = failure(tokenRequest(form("grant_type", "refresh_token",
                "refresh_token", stranger.refreshToken(), "organization_id", org)));
        assertEquals(403, denied.getStatus().getCode());
        assertEquals("access_denied", json(body(denied)).path("error").asText());
        assertEquals(200, status(tokenRequest(form("grant_type", "refresh_token", "refresh_token",
                creator.refreshToken()))));
    }
}
