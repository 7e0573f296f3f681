package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.events.MembershipSource;
import io.documind.org.membership.MembershipService;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes to one member committed at the same moment: consumers keep the MemberRolesChanged with the highest
 * authority version (invitation-service's member view decides "already a member" and "grant only what you hold" from
 * it), so that one must carry what the member holds once both committed, and nobody may go unannounced.
 */
@MicronautTest(transactional = false)
class MemberAnnouncementRaceTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    MembershipService memberships;

    @Test
    void theLaterAnnouncementCarriesTheRolesAnEarlierUncommittedChangeGave() throws Exception {
        Account admin = signUp();
        String org = createOrganization(admin, "Announced");
        Account member = signUp();
        addMember(org, member, "Member");

        // A role change that has raised the member's version (holding its row) and not committed yet, and an admin's.
        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions,
                c -> grantCollaboratorUncommitted(c, org, member),
                () -> status(HttpRequest.POST("/api/organizations/" + org + "/users/" + member.id() + "/roles",
                        Map.of("organizationRoleNames", List.of("Admin"))).bearerAuth(managementToken())));
        assertEquals(201, race.raced());

        List<String> held = transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                SELECT r.name FROM membership_role m JOIN organization_role r ON r.id = m.role_id
                WHERE m.organization_id = ? AND m.user_id = ? ORDER BY r.name""", UUID.fromString(org), member.id()));
        assertEquals(List.of("Admin", "Collaborator", "Member"), held);
        JsonNode newest = newestAnnouncement(org, member);
        assertEquals(held, StreamSupport.stream(newest.path("roles").spliterator(), false).map(JsonNode::asText)
                .sorted().toList(), newest.toString());
    }

    /**
     * The same for a template edit, which announces its holders in batches (HolderAnnouncements): their versions are
     * raised before their roles are read, so a role change holding one of those versions is waited for and seen.
     */
    @Test
    void aTemplateEditsBatchCarriesTheRolesAnEarlierUncommittedChangeGave() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String scope = created("/api/organization-scopes", Map.of("name", "batch:" + suffix), management);
        created("/api/organization-roles", Map.of("name", "Batch " + suffix, "organizationScopeIds", List.of(scope)),
                management);
        Account admin = signUp();
        String org = createOrganization(admin, "Batch announced");
        Account member = signUp();
        addMember(org, member, "Batch " + suffix);

        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions,
                c -> grantCollaboratorUncommitted(c, org, member),
                () -> status(HttpRequest.DELETE("/api/organization-scopes/" + scope).bearerAuth(management)));
        assertEquals(204, race.raced());

        JsonNode newest = newestAnnouncement(org, member);
        assertEquals(List.of("Batch " + suffix, "Collaborator"), StreamSupport.stream(newest.path("roles")
                .spliterator(), false).map(JsonNode::asText).sorted().toList(), newest.toString());
    }

    @Test
    void aMembershipCommittedWhileItsUserIsDeletedIsAnnouncedRemoved() throws Exception {
        Account admin = signUp();
        String org = createOrganization(admin, "Joined while leaving");
        Account user = signUp();

        // A membership being added (as org-service's consumer adds one), not committed yet, and the user's deletion.
        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions, c -> {
            Statements.update(c, "INSERT INTO membership (organization_id, user_id, email) VALUES (?, ?, ?)",
                    UUID.fromString(org), user.id(), user.email());
            return null;
        }, () -> status(HttpRequest.DELETE("/api/users/" + user.id()).bearerAuth(managementToken())));
        assertEquals(204, race.raced());

        await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals("MembershipRemoved"))
                .anyMatch(e -> e.path("data").path("userId").asText().equals(user.id())));
    }

    /**
     * A role losing a scope while it is being granted to a member: the member, not yet a holder when the edit began,
     * is announced with the role and without the scope, so a token it got in between is refused.
     */
    @Test
    void aMemberGrantedARoleWhileTheRoleLosesAScopeIsAnnounced() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String scope = created("/api/organization-scopes", Map.of("name", "race:" + suffix), management);
        String role = created("/api/organization-roles",
                Map.of("name", "Racer " + suffix, "organizationScopeIds", List.of(scope)), management);
        Account admin = signUp();
        String org = createOrganization(admin, "Shrinking");
        Account member = signUp();
        addMember(org, member, "Collaborator");

        // The role being granted (its foreign key check holds the role's row), not committed yet, and the edit.
        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions, c -> {
            Statements.update(c, "INSERT INTO membership_role (organization_id, user_id, role_id) VALUES (?, ?, ?)",
                    UUID.fromString(org), member.id(), UUID.fromString(role));
            return null;
        }, () -> status(HttpRequest.DELETE("/api/organization-roles/" + role + "/scopes/" + scope)
                .bearerAuth(management)));
        assertEquals(204, race.raced());

        JsonNode newest = newestAnnouncement(org, member);
        assertTrue(newest.path("roles").toString().contains("Racer " + suffix), newest.toString());
        assertFalse(newest.path("scopes").toString().contains("race:" + suffix), newest.toString());
    }

    /**
     * A scope being added to a role (its foreign key check holds the scope's row, not committed yet) while the scope
     * is deleted: the deletion waits for the grant, cascades it away, and must announce the role's holders, whose
     * tokens could carry the scope in between.
     */
    @Test
    void theHoldersOfARoleGivenAScopeWhileTheScopeIsDeletedAreAnnounced() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String scope = created("/api/organization-scopes", Map.of("name", "gone:" + suffix), management);
        String role = created("/api/organization-roles", Map.of("name", "Growing " + suffix), management);
        Account admin = signUp();
        String org = createOrganization(admin, "Growing");
        Account member = signUp();
        addMember(org, member, "Growing " + suffix);
        long before = authorityVersion(org, member);

        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions, c -> {
            Statements.update(c, "INSERT INTO organization_role_scope (role_id, scope_id) VALUES (?, ?)",
                    UUID.fromString(role), UUID.fromString(scope));
            return null;
        }, () -> status(HttpRequest.DELETE("/api/organization-scopes/" + scope).bearerAuth(management)));
        assertEquals(204, race.raced());

        assertTrue(authorityVersion(org, member) > before, "the member's version was raised");
        JsonNode newest = newestAnnouncement(org, member);
        assertFalse(newest.path("scopes").toString().contains("gone:" + suffix), newest.toString());
    }

    /**
     * A role deleted while a member's roles are set to it again. The setting removes the member's rows and then grants
     * the role (its foreign key check holds the role's row); the deletion holds the role and cascades to those rows.
     * Taken in those orders the two deadlocked and one was aborted (503). Both must finish, the role gone, and the
     * member announced without it.
     */
    @Test
    void aRoleDeletedWhileAMembersRolesAreSetToItAgainNeitherDeadlocksNorGoesUnannounced() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String role = created("/api/organization-roles", Map.of("name", "Doomed " + suffix), management);
        Account admin = signUp();
        String org = createOrganization(admin, "Doomed");
        Account member = signUp();
        addMember(org, member, "Doomed " + suffix);

        // Something holding the member's row of the role, so the setting and then the deletion queue up behind it.
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> holdRoleRows(c, org, member), List.of(
                () -> status(HttpRequest.PUT("/api/organizations/" + org + "/users/" + member.id() + "/roles",
                        Map.of("organizationRoleIds", List.of(role))).bearerAuth(management)),
                () -> status(HttpRequest.DELETE("/api/organization-roles/" + role).bearerAuth(management))));
        assertEquals(List.of(role), race.held());
        assertEquals(List.of(204, 204), race.raced());

        assertEquals(List.of(), transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT role_id::text FROM membership_role WHERE organization_id = ? AND user_id = ?",
                UUID.fromString(org), member.id())));
        JsonNode newest = newestAnnouncement(org, member);
        assertFalse(newest.path("roles").toString().contains("Doomed " + suffix), newest.toString());
    }

    /**
     * An accepted invitation adding a role to someone already a member while the member's roles are replaced with that
     * same role. The replacement holds the member's row and then inserts the role; the acceptance inserted the role
     * first and then waited on the member's row (its foreign key check), so each waited on the other and one was
     * aborted. The acceptance now holds the member's row before it writes: both finish, and the newest announcement
     * carries the role.
     */
    @Test
    void anInvitationAcceptedByAMemberWhoseRolesAreReplacedWithTheSameRoleDoesNotDeadlock() throws Exception {
        String management = managementToken();
        Account admin = signUp();
        String org = createOrganization(admin, "Accepting");
        Account member = signUp();
        addMember(org, member, "Collaborator");

        // Something holding the member's role rows, so the replacement waits there with the member's row held.
        LockRace.Outcome<List<String>, List<Object>> race = LockRace.runInTurn(transactions,
                c -> holdRoleRows(c, org, member), List.of(
                        () -> status(HttpRequest.PUT("/api/organizations/" + org + "/users/" + member.id() + "/roles",
                                Map.of("organizationRoleNames", List.of("Member"))).bearerAuth(management)),
                        () -> {
                            try {
                                memberships.addMember(UUID.fromString(org), member.id(), member.email(),
                                        List.of("Member"), MembershipSource.INVITATION);
                                return "added";
                            } catch (RuntimeException e) {
                                return e.toString();
                            }
                        }));
        assertEquals(1, race.held().size());
        assertEquals(List.of(204, "added"), race.raced());

        assertEquals(List.of("Member"), transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                SELECT r.name FROM membership_role mr JOIN organization_role r ON r.id = mr.role_id
                WHERE mr.organization_id = ? AND mr.user_id = ?""", UUID.fromString(org), member.id())));
        JsonNode newest = newestAnnouncement(org, member);
        assertEquals("[\"Member\"]", newest.path("roles").toString(), newest.toString());
    }

    /**
     * A user deleted while one of its memberships' roles are being replaced. The replacement holds the member's row
     * and raises its version last; the deletion used to raise the versions first and reach the membership rows last
     * (its cascade), so the two deadlocked and one answered 503. Both must finish, the removal announced last.
     */
    @Test
    void aUserDeletedWhileItsRolesAreReplacedNeitherDeadlocksNorGoesUnannounced() throws Exception {
        String management = managementToken();
        Account admin = signUp();
        String org = createOrganization(admin, "Leaving");
        Account member = signUp();
        addMember(org, member, "Collaborator");

        // Something holding the member's role rows, so the replacement waits there with the member's row held.
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> holdRoleRows(c, org, member), List.of(
                () -> status(HttpRequest.PUT("/api/organizations/" + org + "/users/" + member.id() + "/roles",
                        Map.of("organizationRoleNames", List.of("Member"))).bearerAuth(management)),
                () -> status(HttpRequest.DELETE("/api/users/" + member.id()).bearerAuth(management))));
        assertEquals(1, race.held().size());
        assertEquals(List.of(204, 204), race.raced());

        long removedAt = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals("MembershipRemoved"))
                .filter(e -> e.path("data").path("userId").asText().equals(member.id()))
                .mapToLong(e -> e.path("data").path("authorityVersion").asLong()).max().orElse(-1), v -> v > 0);
        long changedAt = eventsOf(org).stream().filter(e -> e.path("type").asText().equals("MemberRolesChanged"))
                .filter(e -> e.path("data").path("userId").asText().equals(member.id()))
                .mapToLong(e -> e.path("data").path("authorityVersion").asLong()).max().orElse(0);
        assertTrue(removedAt > changedAt, "the removal carries the newest version: " + removedAt + " vs " + changedAt);
    }

    /**
     * A scope taken from a role while the role is deleted. The edit removed the role's scope row and took the template
     * lock before it locked the role to read its holders; the deletion locks the role and then cascades to its scope
     * rows. They deadlocked (503). The edit now locks the role first; both finish and the holder is announced.
     */
    @Test
    void aScopeTakenFromARoleWhileTheRoleIsDeletedNeitherDeadlocksNorGoesUnannounced() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String scope = created("/api/organization-scopes", Map.of("name", "fading:" + suffix), management);
        String role = created("/api/organization-roles",
                Map.of("name", "Fading " + suffix, "organizationScopeIds", List.of(scope)), management);
        Account admin = signUp();
        String org = createOrganization(admin, "Fading");
        Account member = signUp();
        addMember(org, member, "Fading " + suffix);
        long before = authorityVersion(org, member);

        // Something holding the role's scope row, so the edit and then the deletion queue up behind it.
        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> holdScopeRows(c, role), List.of(
                        () -> status(HttpRequest.DELETE("/api/organization-roles/" + role + "/scopes/" + scope)
                                .bearerAuth(management)),
                        () -> status(HttpRequest.DELETE("/api/organization-roles/" + role).bearerAuth(management))));
        assertEquals(List.of(scope), race.held());
        assertEquals(List.of(204, 204), race.raced());

        assertTrue(authorityVersion(org, member) > before, "the member's version was raised");
        JsonNode newest = newestAnnouncement(org, member);
        assertFalse(newest.path("roles").toString().contains("Fading " + suffix), newest.toString());
    }

    /**
     * A role's scopes replaced (keeping one it has) while that scope is deleted. The replacement locked the role,
     * rewrote its rows and reached the scope last (the grant's foreign key); the deletion locks the scope and then
     * its roles. They deadlocked (503). The replacement now holds its scopes first.
     */
    @Test
    void aRolesScopesReplacedWhileOneOfThemIsDeletedDoesNotDeadlock() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String scope = created("/api/organization-scopes", Map.of("name", "kept:" + suffix), management);
        String role = created("/api/organization-roles",
                Map.of("name", "Keeping " + suffix, "organizationScopeIds", List.of(scope)), management);

        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions,
                c -> holdScopeRows(c, role), List.of(
                        () -> status(HttpRequest.PUT("/api/organization-roles/" + role + "/scopes",
                                Map.of("organizationScopeIds", List.of(scope))).bearerAuth(management)),
                        () -> status(HttpRequest.DELETE("/api/organization-scopes/" + scope).bearerAuth(management))));
        assertEquals(List.of(scope), race.held());
        assertEquals(List.of(204, 204), race.raced());
        assertEquals(List.of(), transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT scope_id::text FROM organization_role_scope WHERE role_id = ?", UUID.fromString(role))));
    }

    /** As {@link #aRolesScopesReplacedWhileOneOfThemIsDeletedDoesNotDeadlock}, for an API resource's scope. */
    @Test
    void aRolesResourceScopesReplacedWhileOneOfThemIsDeletedDoesNotDeadlock() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String resource = created("/api/resources", Map.of("name", "Kept " + suffix,
                "indicator", "https://kept-" + suffix + ".example.com"), management);
        String scope = created("/api/resources/" + resource + "/scopes", Map.of("name", "kept:" + suffix), management);
        String role = created("/api/organization-roles", Map.of("name", "Keeping API " + suffix), management);
        assertEquals(201, status(HttpRequest.POST("/api/organization-roles/" + role + "/resource-scopes",
                Map.of("scopeIds", List.of(scope))).bearerAuth(management)));

        LockRace.Outcome<List<String>, List<Integer>> race = LockRace.runInTurn(transactions, c -> Statements.strings(c,
                "SELECT scope_id FROM organization_role_resource_scope WHERE role_id = ? FOR UPDATE",
                UUID.fromString(role)), List.of(
                        () -> status(HttpRequest.PUT("/api/organization-roles/" + role + "/resource-scopes",
                                Map.of("scopeIds", List.of(scope))).bearerAuth(management)),
                        () -> status(HttpRequest.DELETE("/api/resources/" + resource + "/scopes/" + scope)
                                .bearerAuth(management))));
        assertEquals(List.of(scope), race.held());
        assertEquals(List.of(204, 204), race.raced());
    }

    /** Locks the role's scope rows (as a change to them in flight would) and answers the scopes' ids. */
    private static List<String> holdScopeRows(Connection c, String role) {
        return Statements.strings(c, "SELECT scope_id::text FROM organization_role_scope WHERE role_id = ? FOR UPDATE",
                UUID.fromString(role));
    }

    /** Locks the member's role rows (as a change to them in flight would) and answers the roles' ids. */
    private static List<String> holdRoleRows(Connection c, String org, Account member) {
        return Statements.strings(c, "SELECT role_id::text FROM membership_role WHERE organization_id = ? "
                + "AND user_id = ? FOR UPDATE", UUID.fromString(org), member.id());
    }

    /** The member's organization authority version in the database; 0 while nothing raised it. */
    private long authorityVersion(String org, Account member) {
        return transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                SELECT version FROM organization_authority_version WHERE subject = ? AND organization_id = ?""",
                member.id(), UUID.fromString(org))).stream().findFirst().map(Long::parseLong).orElse(0L);
    }

    /** A role change as it stands before it commits: the member's version raised (its row held), Collaborator added. */
    private static Void grantCollaboratorUncommitted(Connection c, String org, Account member) {
        Statements.update(c, """
                INSERT INTO organization_authority_version AS v (subject, organization_id, version)
                VALUES (?, ?, 2) ON CONFLICT (subject, organization_id) DO UPDATE SET version = v.version + 1""",
                member.id(), UUID.fromString(org));
        Statements.update(c, """
                INSERT INTO membership_role (organization_id, user_id, role_id)
                SELECT ?, ?, id FROM organization_role WHERE name = 'Collaborator'""",
                UUID.fromString(org), member.id());
        return null;
    }

    /** The member's MemberRolesChanged with the version the database holds now (waited for on Kafka). */
    private JsonNode newestAnnouncement(String org, Account member) {
        long version = authorityVersion(org, member);
        return await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                        .filter(e -> e.path("type").asText().equals("MemberRolesChanged"))
                        .map(e -> e.path("data")).filter(d -> d.path("userId").asText().equals(member.id()))
                        .max(Comparator.comparingLong(d -> d.path("authorityVersion").asLong())).orElse(null),
                d -> d != null && d.path("authorityVersion").asLong() == version);
    }
}
