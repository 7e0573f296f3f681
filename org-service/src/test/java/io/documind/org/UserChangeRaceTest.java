package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two changes to one user committed at the same moment both stay: each change writes the user back as a whole row,
 * so one that read the row before the other committed used to put the other's change back (a profile edit lifting
 * a suspension made meanwhile).
 */
@MicronautTest(transactional = false)
class UserChangeRaceTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aProfileEditCommittedJustAfterASuspensionKeepsTheUserSuspended() throws Exception {
        String management = managementToken();
        Account account = signUp();

        // Something holding the user's row, so the suspension and then the edit queue up behind it.
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> Statements.strings(c, "SELECT id FROM app_user WHERE id = ? FOR UPDATE", account.id()), List.of(
                        () -> status(HttpRequest.PATCH("/api/users/" + account.id() + "/is-suspended",
                                Map.of("isSuspended", true)).bearerAuth(management)),
                        () -> status(HttpRequest.PATCH("/api/users/" + account.id(), Map.of("name", "Renamed"))
                                .bearerAuth(management))));
        assertEquals(List.of(account.id()), race.held());
        assertEquals(List.of(200, 200), race.raced());

        JsonNode user = json(http.toBlocking().retrieve(HttpRequest.GET("/api/users/" + account.id())
                .bearerAuth(management)));
        assertTrue(user.path("isSuspended").asBoolean(), user.toString());
        assertEquals("Renamed", user.path("name").asText(), user.toString());
    }
}
