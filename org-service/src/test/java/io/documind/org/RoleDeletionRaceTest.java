package io.documind.org;

import io.documind.contracts.events.MembershipSource;
import io.documind.org.membership.MembershipService;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A template role's deletion against the removal of its holders. The deletion's cascade locked the holders' role
 * rows in the table's order and then raised their versions, so a removal holding one of those rows' members (or
 * having raised its version already) deadlocked with it: one side got a 503. The deletion now holds its holders'
 * membership and organization-application rows first, in (organization, holder) order, and the deletions of a user,
 * an application and an organization lock their rows in that order before they cascade. Each test gives the
 * holder's rows the table order that crosses the other side's, so without the fix it deadlocks. Two grants that held
 * a role before a member's or user's row are here too (that order closed a cycle with the role's deletion), and the
 * same race for a global role and its API resource.
 */
@MicronautTest(transactional = false)
class RoleDeletionRaceTest extends OrgServiceTest {

    private static final String LOCK_MEMBER = """
            SELECT user_id FROM membership WHERE organization_id = ? AND user_id = ? FOR SHARE""";
    private static final String LOCK_APPLICATION = """
            SELECT application_id FROM organization_application WHERE organization_id = ? AND application_id = ?
            FOR SHARE""";

    private static final String LOCK_ROLE = "SELECT CAST(id AS text) FROM organization_role WHERE id = ? FOR UPDATE";

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    MembershipService memberships;

    /** The user's deletion: its memberships locked and its version raised, then the cascade to its role rows. */
    @Test
    void aRoleDeletedWhileItsHoldersUserIsDeletedWaitsInsteadOfDeadlocking() throws Exception {
        UUID org = organization();
        String role = role();
        Account holder = signUp();
        grant(org, holder.id(), role);
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, """
                        WITH locked AS (SELECT organization_id FROM membership WHERE user_id = ? FOR UPDATE)
                        INSERT INTO organization_authority_version AS v (subject, organization_id, version)
                        SELECT ?, organization_id, 2 FROM locked
                        ON CONFLICT (subject, organization_id) DO UPDATE SET version = v.version + 1
                        RETURNING subject""", holder.id(), holder.id()),
                c -> Statements.strings(c, "DELETE FROM app_user WHERE id = ? RETURNING id", holder.id()),
                () -> deleteRole(role));
        assertEquals(List.of(holder.id()), race.held(), "the user's deletion, after the role's waited");
        assertEquals(204, race.raced(), "the role's deletion, which waited for the user's");
    }

    /** Members removed one after the other in user order (a replacement of the members, an organization's deletion). */
    @Test
    void aRoleDeletedWhileItsHoldersAreRemovedWaitsInsteadOfDeadlocking() throws Exception {
        UUID org = organization();
        String role = role();
        List<String> users = inDatabaseOrder(signUp().id(), signUp().id());
        grant(org, users.get(1), role); // the later member's role row first in the table
        grant(org, users.get(0), role);
        removeBothWhileTheRoleIsDeleted(org, role, users,
                "DELETE FROM membership WHERE organization_id = ? AND user_id = ? RETURNING user_id");
    }

    /** The same for two applications removed from the organization. */
    @Test
    void aRoleDeletedWhileItsApplicationsAreRemovedWaitsInsteadOfDeadlocking() throws Exception {
        UUID org = organization();
        String role = role();
        List<String> apps = inDatabaseOrder(application(), application());
        grantToApplication(org, apps.get(1), role);
        grantToApplication(org, apps.get(0), role);
        removeBothWhileTheRoleIsDeleted(org, role, apps, """
                DELETE FROM organization_application WHERE organization_id = ? AND application_id = ?
                RETURNING application_id""");
    }

    /** {@code remove} the first holder, delete the role meanwhile, and once it waits remove the second. */
    private void removeBothWhileTheRoleIsDeleted(UUID org, String role, List<String> holders, String remove)
            throws Exception {
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, remove, org, holders.get(0)),
                c -> Statements.strings(c, remove, org, holders.get(1)),
                () -> deleteRole(role));
        assertEquals(List.of(holders.get(1)), race.held(), "the second removal, after the role's deletion waited");
        assertEquals(204, race.raced());
    }

    /** An organization's deletion against a role's deletion holding the organization's members in order. */
    @Test
    void anOrganizationDeletedWhileARoleDeletionHoldsItsMembersWaitsInsteadOfDeadlocking() throws Exception {
        UUID org = organization();
        String role = role();
        List<String> users = inDatabaseOrder(signUp().id(), signUp().id());
        grant(org, users.get(1), role); // the later member first in the table, where the cascade starts
        grant(org, users.get(0), role);
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, LOCK_MEMBER, org, users.get(0)),
                c -> Statements.strings(c, LOCK_MEMBER, org, users.get(1)),
                () -> status(HttpRequest.DELETE("/api/organizations/" + org).bearerAuth(managementToken())));
        assertEquals(List.of(users.get(1)), race.held(), "the role deletion's second member");
        assertEquals(204, race.raced(), "the organization's deletion, which waited");
    }

    /** An application's deletion against a role's deletion holding its rows in two organizations, in order. */
    @Test
    void anApplicationDeletedWhileARoleDeletionHoldsItsRowsWaitsInsteadOfDeadlocking() throws Exception {
        List<String> orgs = inDatabaseOrder(organization().toString(), organization().toString());
        String role = role();
        String app = application();
        grantToApplication(UUID.fromString(orgs.get(1)), app, role); // the later organization first in the table
        grantToApplication(UUID.fromString(orgs.get(0)), app, role);
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, LOCK_APPLICATION, UUID.fromString(orgs.get(0)), app),
                c -> Statements.strings(c, LOCK_APPLICATION, UUID.fromString(orgs.get(1)), app),
                () -> status(HttpRequest.DELETE("/api/applications/" + app).bearerAuth(managementToken())));
        assertEquals(List.of(app), race.held(), "the role deletion's second row");
        assertEquals(204, race.raced(), "the application's deletion, which waited");
    }

    /**
     * A bulk role grant holds its members' rows before the role. Holding the role first, it waited on a member's row
     * that a user's deletion held (its grant's foreign key), while the deletion waited on a row a role's deletion
     * held, and the role's deletion waited on the role: a three-way cycle. Here one transaction plays the user's
     * deletion and then the role's, holding the member and then the role.
     */
    @Test
    void aBulkRoleGrantHoldsItsMembersBeforeTheRole() throws Exception {
        UUID org = organization();
        String role = role();
        Account member = signUp();
        assertEquals(201, status(HttpRequest.POST("/api/organizations/" + org + "/users",
                Map.of("userIds", List.of(member.id()))).bearerAuth(managementToken())));
        String management = managementToken();
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, LOCK_MEMBER.replace("FOR SHARE", "FOR UPDATE"), org, member.id()),
                c -> Statements.strings(c, LOCK_ROLE, UUID.fromString(role)),
                () -> status(HttpRequest.POST("/api/organizations/" + org + "/users/roles", Map.of(
                        "userIds", List.of(member.id()), "organizationRoleIds", List.of(role)))
                        .bearerAuth(management)));
        assertEquals(List.of(role), race.held(), "the role, after the grant waited on the member");
        assertEquals(201, race.raced());
    }

    /**
     * A JIT join holds the user's row after its organizations and before its roles. Taken at the membership's insert,
     * after the roles, it waited on a user's deletion that waited on a role's deletion (holding another membership of
     * the user) that waited on a role the join held. One transaction plays the user's deletion and the role's.
     */
    @Test
    void aJitJoinHoldsItsUserBeforeItsRoles() throws Exception {
        UUID org = organization();
        UUID role = UUID.fromString(role());
        Account joining = signUp();
        LockRace.Outcome<List<String>, String> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, "SELECT id FROM app_user WHERE id = ? FOR UPDATE", joining.id()),
                c -> Statements.strings(c, LOCK_ROLE, role),
                () -> {
                    memberships.joinAll(Map.of(org, List.of(role)), joining.id(), joining.email(),
                            MembershipSource.JIT);
                    return "joined";
                });
        assertEquals(List.of(role.toString()), race.held(), "the role, after the join waited on the user");
        assertEquals("joined", race.raced());
    }

    /**
     * A global role's deletion against its API resource's: the resource's locks its scopes in id order and cascades
     * to the rows granting them; the role's now holds the same scopes, in that order, before cascading to its rows.
     */
    @Test
    void aGlobalRoleDeletedWhileItsResourceIsDeletedWaitsInsteadOfDeadlocking() throws Exception {
        String resource = json(http.toBlocking().retrieve(HttpRequest.POST("/api/resources", Map.of("name", "Race",
                "indicator", "https://race-" + UUID.randomUUID().toString().substring(0, 8) + ".example"))
                .bearerAuth(managementToken()))).path("id").asText();
        List<String> scopes = inDatabaseOrder(resourceScope(resource, "read:race"),
                resourceScope(resource, "write:race"));
        String role = json(http.toBlocking().retrieve(HttpRequest.POST("/api/roles", Map.of("name",
                "Doomed " + UUID.randomUUID().toString().substring(0, 8))).bearerAuth(managementToken())))
                .path("id").asText();
        for (String scope : scopes.reversed()) { // the later scope's row first in the table
            assertEquals(201, status(HttpRequest.POST("/api/roles/" + role + "/scopes",
                    Map.of("scopeIds", List.of(scope))).bearerAuth(managementToken())));
        }
        String delete = "DELETE FROM resource_scope WHERE id = ? RETURNING id";
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> {
                    Statements.strings(c, "SELECT id FROM resource_scope WHERE id IN (?, ?) ORDER BY id FOR UPDATE",
                            scopes.get(0), scopes.get(1));
                    return Statements.strings(c, delete, scopes.get(0));
                },
                c -> Statements.strings(c, delete, scopes.get(1)),
                () -> status(HttpRequest.DELETE("/api/roles/" + role).bearerAuth(managementToken())));
        assertEquals(List.of(scopes.get(1)), race.held(), "the resource deletion's second scope");
        assertEquals(204, race.raced(), "the role's deletion, which waited");
    }

    private String resourceScope(String resource, String name) {
        return json(http.toBlocking().retrieve(HttpRequest.POST("/api/resources/" + resource + "/scopes",
                Map.of("name", name)).bearerAuth(managementToken()))).path("id").asText();
    }

    private int deleteRole(String role) {
        return status(HttpRequest.DELETE("/api/organization-roles/" + role).bearerAuth(managementToken()));
    }

    /** An organization with no members (the Management API makes no creator one). */
    private UUID organization() {
        return UUID.fromString(json(http.toBlocking().retrieve(HttpRequest.POST("/api/organizations",
                Map.of("name", "Race")).bearerAuth(managementToken()))).path("id").asText());
    }

    private String role() {
        return json(http.toBlocking().retrieve(HttpRequest.POST("/api/organization-roles", Map.of("name",
                "Doomed " + UUID.randomUUID().toString().substring(0, 8))).bearerAuth(managementToken())))
                .path("id").asText();
    }

    private String application() {
        return json(http.toBlocking().retrieve(HttpRequest.POST("/api/applications", Map.of("name", "Holder"))
                .bearerAuth(managementToken()))).path("id").asText();
    }

    private void grant(UUID org, String user, String role) {
        grant(org, "users", "userIds", user, role);
    }

    private void grantToApplication(UUID org, String app, String role) {
        grant(org, "applications", "applicationIds", app, role);
    }

    /** Adds the user or application ({@code kind}) to the organization and grants it the role. */
    private void grant(UUID org, String kind, String idsField, String id, String role) {
        String holders = "/api/organizations/" + org + "/" + kind;
        assertEquals(201, status(HttpRequest.POST(holders, Map.of(idsField, List.of(id)))
                .bearerAuth(managementToken())));
        assertEquals(201, status(HttpRequest.POST(holders + "/" + id + "/roles",
                Map.of("organizationRoleIds", List.of(role))).bearerAuth(managementToken())));
    }

    /** The ids in the database's text order (its collation's, which Java's String order need not match). */
    private List<String> inDatabaseOrder(String first, String second) {
        return transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT id FROM unnest(CAST(ARRAY[?, ?] AS text[])) AS ids (id) ORDER BY id", first, second));
    }
}
