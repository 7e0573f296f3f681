package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two edits of one row committed at the same moment both stay. Each edit writes its row back whole, so one that read
 * the row before the other committed used to put the other's change back: a profile edit lifting a suspension made
 * meanwhile, a description edit undoing a scope's rename (its holders got the old name back, unannounced), a rename
 * switching an organization's MFA requirement off again.
 */
@MicronautTest(transactional = false)
class ConcurrentEditsTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aProfileEditCommittedJustAfterASuspensionKeepsTheUserSuspended() throws Exception {
        Account account = signUp();
        race("SELECT id FROM app_user WHERE id = ? FOR UPDATE", account.id(),
                HttpRequest.PATCH("/api/users/" + account.id() + "/is-suspended", Map.of("isSuspended", true)),
                HttpRequest.PATCH("/api/users/" + account.id(), Map.of("name", "Renamed")));

        JsonNode user = read("/api/users/" + account.id());
        assertTrue(user.path("isSuspended").asBoolean(), user.toString());
        assertEquals("Renamed", user.path("name").asText(), user.toString());
    }

    @Test
    void aDescriptionEditedJustAfterAScopesRenameKeepsTheNewName() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String scope = json(http.toBlocking().retrieve(HttpRequest.POST("/api/organization-scopes",
                Map.of("name", "old:" + suffix)).bearerAuth(managementToken()))).path("id").asText();
        race("SELECT id::text FROM organization_scope WHERE id = CAST(? AS uuid) FOR UPDATE", scope,
                HttpRequest.PATCH("/api/organization-scopes/" + scope, Map.of("name", "new:" + suffix)),
                HttpRequest.PATCH("/api/organization-scopes/" + scope, Map.of("description", "Edited")));

        JsonNode edited = read("/api/organization-scopes/" + scope);
        assertEquals("new:" + suffix, edited.path("name").asText(), edited.toString());
        assertEquals("Edited", edited.path("description").asText(), edited.toString());
    }

    @Test
    void aRenameCommittedJustAfterMfaWasRequiredKeepsItRequired() throws Exception {
        String org = createOrganization(signUp(), "Strict");
        race("SELECT id::text FROM organization WHERE id = CAST(? AS uuid) FOR UPDATE", org,
                HttpRequest.PATCH("/api/organizations/" + org, Map.of("isMfaRequired", true)),
                HttpRequest.PATCH("/api/organizations/" + org, Map.of("name", "Renamed")));

        JsonNode edited = read("/api/organizations/" + org);
        assertTrue(edited.path("isMfaRequired").asBoolean(), edited.toString());
        assertEquals("Renamed", edited.path("name").asText(), edited.toString());
    }

    /**
     * Holds the row, then sends {@code first} and {@code second} (Management API), each once the one before waits on
     * a lock, and lets them through in that order; both must succeed.
     */
    private void race(String lockRow, String id, MutableHttpRequest<?> first, MutableHttpRequest<?> second)
            throws Exception {
        String management = managementToken();
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> Statements.strings(c, lockRow, id), List.of(
                        () -> status(first.bearerAuth(management)),
                        () -> status(second.bearerAuth(management))));
        assertEquals(List.of(id), race.held());
        assertEquals(List.of(200, 200), race.raced());
    }

    private JsonNode read(String path) {
        return json(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(managementToken())));
    }
}
