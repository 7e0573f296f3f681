package io.documind.org;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13 point 4 with two instances on one database: the one answering the create consumes nothing, the other
 * applies OrganizationCreated, and the waiting request still sees the creator admitted and answers 201. It hears the
 * other instance's commit through its outbox listener ({@code OutboxCommits}): its poll interval here is an hour,
 * longer than its wait, so only a heard commit can end the wait with 201.
 */
@MicronautTest(transactional = false)
class CreatorAdmissionAcrossInstancesTest extends OrgServiceTest {

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        if (properties == null) {
            properties = super.getProperties();
            properties.put("documind.consumer.enabled", "false");
            properties.put("documind.organization.creator-wait", "30s");
            properties.put("documind.organization.creator-poll-interval", "1h");
        }
        return properties;
    }

    @Test
    void anotherInstancesConsumerEndsTheWait() {
        Map<String, Object> other = new HashMap<>(getProperties());
        other.put("documind.consumer.enabled", "true");
        other.put("documind.outbox.relay-enabled", "false"); // this instance publishes; the other only consumes
        try (ApplicationContext consumer = ApplicationContext.run(other)) {
            Account creator = signUp();
            HttpResponse<String> created = http.toBlocking().exchange(HttpRequest.POST("/organizations",
                    Map.of("name", "Elsewhere")).bearerAuth(creator.accessToken()), String.class);
            assertEquals(201, created.code());
            String org = json(created.body()).path("id").asText();
            assertEquals(200, status(tokenRequest(form("grant_type", "refresh_token",
                    "refresh_token", creator.refreshToken(), "organization_id", org))));
        }
    }
}
