package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.events.MembershipSource;
import io.documind.org.membership.MembershipRepository;
import io.documind.org.membership.MembershipService;
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
 * switching an organization's MFA requirement off again, a rename restoring a resource's token lifetime. Of two
 * replacements of one set, the last one is what stays.
 */
@MicronautTest(transactional = false)
class ConcurrentEditsTest extends OrgServiceTest {

    /**
     * PostgreSQL's order of uuids (their bytes, unsigned), which is their text's; not {@link UUID#compareTo}, which
     * compares signed halves and puts an id starting with 8-f before one starting with 0-7.
     */
    private static final java.util.Comparator<UUID> IN_DATABASE_ORDER = java.util.Comparator.comparing(UUID::toString);

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    MembershipService memberships;

    @Inject
    MembershipRepository membershipRows;

    @Test
    void aProfileEditCommittedJustAfterASuspensionKeepsTheUserSuspended() throws Exception {
        Account account = signUp();
        race("SELECT id FROM app_user WHERE id = ? FOR UPDATE", account.id(),
                HttpRequest.PATCH("/api/users/" + account.id() + "/is-suspended", Map.of("isSuspended", true)),
                HttpRequest.PATCH("/api/users/" + account.id(), Map.of("name", "Renamed")));

        JsonNode user = managementRead("/api/users/" + account.id());
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

        JsonNode edited = managementRead("/api/organization-scopes/" + scope);
        assertEquals("new:" + suffix, edited.path("name").asText(), edited.toString());
        assertEquals("Edited", edited.path("description").asText(), edited.toString());
    }

    @Test
    void aRenameCommittedJustAfterMfaWasRequiredKeepsItRequired() throws Exception {
        String org = createOrganization(signUp(), "Strict");
        race("SELECT id::text FROM organization WHERE id = CAST(? AS uuid) FOR UPDATE", org,
                HttpRequest.PATCH("/api/organizations/" + org, Map.of("isMfaRequired", true)),
                HttpRequest.PATCH("/api/organizations/" + org, Map.of("name", "Renamed")));

        JsonNode edited = managementRead("/api/organizations/" + org);
        assertTrue(edited.path("isMfaRequired").asBoolean(), edited.toString());
        assertEquals("Renamed", edited.path("name").asText(), edited.toString());
    }

    @Test
    void aResourceRenamedJustAfterItsTokenLifetimeChangedKeepsTheLifetime() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String resource = json(http.toBlocking().retrieve(HttpRequest.POST("/api/resources", Map.of("name",
                "Reports " + suffix, "indicator", "https://reports-" + suffix + ".example"))
                .bearerAuth(managementToken()))).path("id").asText();
        race("SELECT id FROM api_resource WHERE id = ? FOR UPDATE", resource,
                HttpRequest.PATCH("/api/resources/" + resource, Map.of("accessTokenTtl", 7200)),
                HttpRequest.PATCH("/api/resources/" + resource, Map.of("name", "Renamed " + suffix)));

        JsonNode edited = managementRead("/api/resources/" + resource);
        assertEquals(7200, edited.path("accessTokenTtl").asInt(), edited.toString());
        assertEquals("Renamed " + suffix, edited.path("name").asText(), edited.toString());
    }

    /**
     * Two replacements of an organization's JIT domains: each deleted only the domains committed before it, so both
     * sets survived together (a domain the last caller had just taken out kept making members).
     */
    @Test
    void theLastOfTwoReplacementsOfJitDomainsIsWhatStays() throws Exception {
        String org = createOrganization(signUp(), "Domains");
        String domains = "/api/organizations/" + org + "/jit/email-domains";
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        race("SELECT id::text FROM organization WHERE id = CAST(? AS uuid) FOR UPDATE", org, 204,
                HttpRequest.PUT(domains, Map.of("emailDomains", List.of("first-" + suffix + ".example"))),
                HttpRequest.PUT(domains, Map.of("emailDomains", List.of("second-" + suffix + ".example"))));

        assertEquals(List.of("second-" + suffix + ".example"),
                managementRead(domains).findValuesAsText("emailDomain"));
    }

    @Test
    void theLastOfTwoReplacementsOfAUsersGlobalRolesIsWhatStays() throws Exception {
        Account user = signUp();
        String first = globalRole();
        String second = globalRole();
        String roles = "/api/users/" + user.id() + "/roles";
        race("SELECT id FROM app_user WHERE id = ? FOR UPDATE", user.id(), 204,
                HttpRequest.PUT(roles, Map.of("roleIds", List.of(first))),
                HttpRequest.PUT(roles, Map.of("roleIds", List.of(second))));

        assertEquals(List.of(second), managementRead(roles).findValuesAsText("id"));
    }

    @Test
    void aGlobalRoleDescribedJustAfterItWasRenamedKeepsTheName() throws Exception {
        String role = globalRole();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        race("SELECT id FROM role WHERE id = ? FOR UPDATE", role,
                HttpRequest.PATCH("/api/roles/" + role, Map.of("name", "Renamed " + suffix)),
                HttpRequest.PATCH("/api/roles/" + role, Map.of("description", "Described")));

        JsonNode edited = managementRead("/api/roles/" + role);
        assertEquals("Renamed " + suffix, edited.path("name").asText(), edited.toString());
        assertEquals("Described", edited.path("description").asText(), edited.toString());
    }

    /**
     * A secret rotation waiting behind the application's deletion answered 200 with a secret for an application that
     * no longer existed (its update hit no row) and announced the rotation after the deletion; a second deletion
     * answered 204 and announced the deletion twice.
     */
    @Test
    void aRotationOrDeletionBehindADeletionFindsNoApplication() throws Exception {
        String app = json(http.toBlocking().retrieve(HttpRequest.POST("/api/applications", Map.of("name", "Doomed"))
                .bearerAuth(managementToken()))).path("id").asText();
        String management = managementToken();
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> Statements.strings(c, "SELECT id FROM application WHERE id = ? FOR UPDATE", app), List.of(
                        () -> status(HttpRequest.DELETE("/api/applications/" + app).bearerAuth(management)),
                        () -> status(HttpRequest.POST("/api/applications/" + app + "/secrets", Map.of())
                                .bearerAuth(management)),
                        () -> status(HttpRequest.DELETE("/api/applications/" + app).bearerAuth(management))));
        assertEquals(List.of(204, 404, 404), race.raced());
        assertEquals(List.of("ApplicationDeleted"), transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT event_type FROM outbox_event WHERE payload LIKE ? ORDER BY id", "%" + app + "%")));
    }

    private String globalRole() {
        return json(http.toBlocking().retrieve(HttpRequest.POST("/api/roles", Map.of("name",
                "Role " + UUID.randomUUID().toString().substring(0, 8))).bearerAuth(managementToken())))
                .path("id").asText();
    }

    private void race(String lockRow, String id, MutableHttpRequest<?> first, MutableHttpRequest<?> second)
            throws Exception {
        race(lockRow, id, 200, first, second);
    }

    /**
     * Holds the row, then sends {@code first} and {@code second} (Management API), each once the one before waits on
     * a lock, and lets them through in that order; both must answer {@code status}.
     */
    private void race(String lockRow, String id, int status, MutableHttpRequest<?> first,
                      MutableHttpRequest<?> second) throws Exception {
        String management = managementToken();
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> Statements.strings(c, lockRow, id), List.of(
                        () -> status(first.bearerAuth(management)),
                        () -> status(second.bearerAuth(management))));
        assertEquals(List.of(id), race.held());
        assertEquals(List.of(status, status), race.raced());
    }

    /**
     * A membership made by an event (a verified email's JIT join, the creator's Admin) while the Management API adds
     * the same user: the API holds the organization and then inserts the member; the event's insert used to go in
     * first and then wait on the organization (its foreign key), and the API's insert then waited on that row, a
     * deadlock (PostgreSQL ended one). Now the event's join holds the organization before it inserts.
     */
    @Test
    void aJoinByEventWhileTheManagementApiAddsTheSameUserWaitsInsteadOfDeadlocking() throws Exception {
        Account admin = signUp();
        Account joining = signUp();
        String org = createOrganization(admin, "Joined twice");
        UUID id = UUID.fromString(org);
        LockRace.Outcome<List<String>, String> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, "SELECT CAST(id AS text) FROM organization WHERE id = ? FOR UPDATE", id),
                c -> Statements.strings(c, """
                        INSERT INTO membership (organization_id, user_id, email) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING RETURNING user_id""", id, joining.id(), joining.email()),
                () -> {
                    memberships.addMember(id, joining.id(), joining.email(), List.of("Collaborator"),
                            MembershipSource.JIT);
                    return "joined";
                });
        assertEquals(List.of(joining.id()), race.held(), "the API's insert, after the join waited");
        assertEquals("joined", race.raced());
        assertEquals(List.of("Collaborator"), transactions.executeRead(s -> membershipRows.member(id, joining.id()))
                .orElseThrow().roleNames(), "the join then gave the existing member its roles");
    }

    /**
     * A verified email joining two organizations by JIT while a template edit locks two roles, each organization
     * giving one of them, in the order that crosses the edit's. The joins hold all their roles first, in id order as
     * the edit locks them; holding each organization's in turn, the join held the later role and waited for the
     * earlier one while the edit, holding the earlier, waited for the later (a deadlock).
     */
    @Test
    void joiningTwoOrganizationsWhileATemplateEditLocksTheirRolesWaitsInsteadOfDeadlocking() throws Exception {
        Account admin = signUp();
        Account joining = signUp();
        List<UUID> orgs = java.util.stream.Stream.of(createOrganization(admin, "JIT one"),
                createOrganization(admin, "JIT two")).map(UUID::fromString).sorted(IN_DATABASE_ORDER).toList();
        List<UUID> roles = java.util.stream.Stream.of("JIT a ", "JIT b ").map(name -> UUID.fromString(json(
                http.toBlocking().retrieve(HttpRequest.POST("/api/organization-roles", Map.of("name",
                        name + UUID.randomUUID().toString().substring(0, 8))).bearerAuth(managementToken())))
                .path("id").asText())).sorted(IN_DATABASE_ORDER).toList();
        // The first organization gives the later role, the second the earlier one.
        Map<UUID, List<UUID>> joins = new java.util.LinkedHashMap<>();
        joins.put(orgs.get(0), List.of(roles.get(1)));
        joins.put(orgs.get(1), List.of(roles.get(0)));
        String lockRole = "SELECT CAST(id AS text) FROM organization_role WHERE id = ? FOR UPDATE";
        LockRace.Outcome<List<String>, String> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, lockRole, roles.get(0)),
                c -> Statements.strings(c, lockRole, roles.get(1)),
                () -> {
                    memberships.joinAll(joins, joining.id(), joining.email(), MembershipSource.JIT);
                    return "joined";
                });
        assertEquals(List.of(roles.get(1).toString()), race.held(), "the edit's second role");
        assertEquals("joined", race.raced());
        for (UUID org : orgs) {
            assertTrue(transactions.executeRead(s -> membershipRows.member(org, joining.id())).isPresent(), "" + org);
        }
    }

    /**
     * A user's global roles replaced while one of them is deleted: the deletion locks the role and then deletes its
     * holders' rows. The replacement now holds its roles before it deletes the user's rows; deleting first, it then
     * waited on the role (its insert's foreign key) while the deletion waited on the row it had deleted.
     */
    @Test
    void replacingAUsersGlobalRolesWhileOneIsDeletedWaitsInsteadOfDeadlocking() throws Exception {
        Account user = signUp();
        String role = globalRole();
        String roles = "/api/users/" + user.id() + "/roles";
        String management = managementToken();
        assertEquals(201, status(HttpRequest.POST(roles, Map.of("roleIds", List.of(role))).bearerAuth(management)));
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, "SELECT id FROM role WHERE id = ? FOR UPDATE", role),
                c -> Statements.strings(c, "SELECT role_id FROM user_role WHERE user_id = ? AND role_id = ? FOR UPDATE",
                        user.id(), role),
                () -> status(HttpRequest.PUT(roles, Map.of("roleIds", List.of(role))).bearerAuth(management)));
        assertEquals(List.of(role), race.held(), "the deletion's second lock");
        assertEquals(204, race.raced(), "the replacement, which waited for the deletion's transaction");
    }

    /** As above, for an organization's JIT roles and a template role's deletion. */
    @Test
    void replacingJitRolesWhileOneIsDeletedWaitsInsteadOfDeadlocking() throws Exception {
        Account admin = signUp();
        String org = createOrganization(admin, "JIT replaced");
        String role = json(http.toBlocking().retrieve(HttpRequest.POST("/api/organization-roles", Map.of("name",
                "JIT " + UUID.randomUUID().toString().substring(0, 8))).bearerAuth(managementToken()))).path("id")
                .asText();
        String jitRoles = "/api/organizations/" + org + "/jit/roles";
        String management = managementToken();
        assertEquals(201, status(HttpRequest.POST(jitRoles, Map.of("organizationRoleIds", List.of(role)))
                .bearerAuth(management)));
        LockRace.Outcome<List<String>, Integer> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, "SELECT CAST(id AS text) FROM organization_role WHERE id = ? FOR UPDATE",
                        UUID.fromString(role)),
                c -> Statements.strings(c, """
                        SELECT CAST(organization_role_id AS text) FROM organization_jit_role
                        WHERE organization_id = ? AND organization_role_id = ? FOR UPDATE""",
                        UUID.fromString(org), UUID.fromString(role)),
                () -> status(HttpRequest.PUT(jitRoles, Map.of("organizationRoleIds", List.of(role)))
                        .bearerAuth(management)));
        assertEquals(List.of(role), race.held(), "the deletion's second lock");
        assertEquals(204, race.raced(), "the replacement, which waited for the deletion's transaction");
    }

    /**
     * A JIT join holds its organizations before its roles, as every member change does (organization, then roles).
     * Holding the roles first, it waited on an organization a role change held while that change (or a template edit
     * behind it) waited on a role the join held; here one transaction plays both, the organization first.
     */
    @Test
    void aJitJoinHoldsItsOrganizationBeforeItsRoles() throws Exception {
        Account admin = signUp();
        Account joining = signUp();
        UUID org = UUID.fromString(createOrganization(admin, "JIT order"));
        UUID role = UUID.fromString(json(http.toBlocking().retrieve(HttpRequest.POST("/api/organization-roles",
                Map.of("name", "JIT order " + UUID.randomUUID().toString().substring(0, 8)))
                .bearerAuth(managementToken()))).path("id").asText());
        LockRace.Outcome<List<String>, String> race = LockRace.runThen(transactions,
                c -> Statements.strings(c, "SELECT CAST(id AS text) FROM organization WHERE id = ? FOR UPDATE", org),
                c -> Statements.strings(c, "SELECT CAST(id AS text) FROM organization_role WHERE id = ? FOR UPDATE",
                        role),
                () -> {
                    memberships.joinAll(Map.of(org, List.of(role)), joining.id(), joining.email(),
                            MembershipSource.JIT);
                    return "joined";
                });
        assertEquals(List.of(role.toString()), race.held(), "the role, after the join waited");
        assertEquals("joined", race.raced());
    }
}
