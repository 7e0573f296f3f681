package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A name taken by a concurrent write after the service checked it is refused as the check refuses it: 422 on the
 * field, not the kit's 409 for a unique race. Each test holds an uncommitted row with the name ({@link LockRace}), so
 * the request's check passes and its INSERT (or UPDATE) waits on the unique index until the holder commits.
 */
@MicronautTest(transactional = false)
class DuplicateNameRaceTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void anOrganizationScopeNamedMeanwhileIs422() throws Exception {
        String name = "race:" + suffix();
        assertRefused("name", "INSERT INTO organization_scope (id, name) VALUES (gen_random_uuid(), ?)", name,
                HttpRequest.POST("/api/organization-scopes", Map.of("name", name)));
    }

    @Test
    void anOrganizationRoleRenamedToANameTakenMeanwhileIs422() throws Exception {
        String name = "Race " + suffix();
        String role = created("/api/organization-roles", Map.of("name", "Before " + suffix()), managementToken());
        assertRefused("name", "INSERT INTO organization_role (id, name) VALUES (gen_random_uuid(), ?)", name,
                HttpRequest.PATCH("/api/organization-roles/" + role, Map.of("name", name)));
    }

    @Test
    void aGlobalRoleNamedMeanwhileIs422() throws Exception {
        String name = "Race " + suffix();
        assertRefused("name", "INSERT INTO role (id, name, type) VALUES (gen_random_uuid()::text, ?, 'User')", name,
                HttpRequest.POST("/api/roles", Map.of("name", name, "description", "raced")));
    }

    @Test
    void anApiResourceIndicatorTakenMeanwhileIs422() throws Exception {
        String indicator = "https://race-" + suffix() + ".example";
        assertRefused("indicator",
                "INSERT INTO api_resource (id, name, indicator) VALUES (gen_random_uuid()::text, 'Held', ?)", indicator,
                HttpRequest.POST("/api/resources", Map.of("name", "Raced", "indicator", indicator)));
    }

    @Test
    void aResourceScopeNamedMeanwhileIs422() throws Exception {
        String resource = created("/api/resources", Map.of("name", "Scoped",
                "indicator", "https://scoped-" + suffix() + ".example"), managementToken());
        assertRefused("name", "INSERT INTO resource_scope (id, resource_id, name) VALUES (gen_random_uuid()::text, '"
                        + resource + "', ?)", "read:race",
                HttpRequest.POST("/api/resources/" + resource + "/scopes", Map.of("name", "read:race")));
    }

    /**
     * Holds {@code insert} (taking {@code name}) uncommitted while {@code request} runs into it; once the holder
     * commits, the request is refused 422 on {@code field}.
     */
    private void assertRefused(String field, String insert, String name, MutableHttpRequest<?> request)
            throws Exception {
        String management = managementToken();
        LockRace.Outcome<Integer, HttpClientResponseException> race = LockRace.run(transactions,
                c -> Statements.update(c, insert, name), () -> failure(request.bearerAuth(management)));
        assertEquals(1, race.held(), "the held row");
        HttpClientResponseException refused = race.raced();
        assertEquals(422, refused.getStatus().getCode(), body(refused));
        JsonNode problem = json(body(refused));
        assertEquals(field, problem.path("errors").path(0).path("field").asText(), problem.toString());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
