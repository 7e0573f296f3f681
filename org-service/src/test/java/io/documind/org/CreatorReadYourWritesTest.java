package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 13 point 4: a 201 from POST /organizations means the creator can take an Admin token right away. */
@MicronautTest(transactional = false)
class CreatorReadYourWritesTest extends OrgServiceTest {

    @Test
    void anOrganizationTokenRightAfterTheCreateHasTheAdminScopes() {
        Account creator = signUp();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = http.toBlocking().exchange(HttpRequest.POST("/organizations",
                    Map.of("name", "Straight away " + i)).bearerAuth(creator.accessToken()), String.class);
            assertEquals(201, created.code());
            String org = json(created.body()).path("id").asText();

            JsonNode token = tokenResponse(form("grant_type", "refresh_token", "refresh_token", latestRefresh(creator),
                    "organization_id", org));
            rememberRefresh(creator, token.path("refresh_token").asText());
            List<String> scopes = Arrays.stream(token.path("scope").asText().split(" ")).sorted().toList();
            assertEquals(ADMIN_SCOPES, scopes, "attempt " + i);
        }
    }
}
