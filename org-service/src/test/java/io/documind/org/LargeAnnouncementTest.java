package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.org.application.OrganizationApplicationRepository;
import io.documind.org.membership.MembershipRepository;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Announcements to many members and applications at once (an organization that starts requiring MFA, a template
 * edit), made in batches (HolderAnnouncements.BATCH): more holders than one batch, each announced once with its own
 * roles, its own scopes and its own raised version, and each version's floor raised in the same transaction. The
 * holders are written straight into the tables: through the API, 1,100 members would be 2,200 requests of setup.
 */
@MicronautTest(transactional = false)
class LargeAnnouncementTest extends OrgServiceTest {

    private static final int MEMBERS = 1_100;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    MembershipRepository memberships;

    @Inject
    OrganizationApplicationRepository organizationApplications;

    @Test
    void everyMemberOfAnOrganizationThatStartsRequiringMfaIsAnnouncedWithItsOwnRolesAndVersion() {
        String org = created("/api/organizations", Map.of("name", "Many members"), managementToken());
        String prefix = "bulk-" + UUID.randomUUID() + "-";
        addMembers(org, prefix);
        // Some members' versions were raised before: theirs go up from there, not to a fixed number.
        sql("""
                INSERT INTO organization_authority_version (subject, organization_id, version)
                SELECT user_id, organization_id, 5 FROM membership
                WHERE organization_id = ? AND right(user_id, 1) = '7'""", UUID.fromString(org));
        long outboxBefore = newestOutboxRow();

        assertEquals(200, status(HttpRequest.PATCH("/api/organizations/" + org, Map.of("isMfaRequired", true))
                .bearerAuth(managementToken())));

        Map<String, JsonNode> announced = announcedSince(outboxBefore, org);
        assertEquals(MEMBERS, announced.size(), "one announcement per member, none twice");
        for (int i = 0; i < MEMBERS; i++) {
            JsonNode event = announced.get(prefix + i);
            assertEquals(rolesOf(i), texts(event.path("roles")), event.toString());
            assertEquals(String.valueOf(i).endsWith("7") ? 6 : 2, event.path("authorityVersion").asLong(),
                    event.toString());
        }
        // The scopes are the ones a single member's announcement (and token) reads, one kind of member at a time.
        for (int i : List.of(0, 1, 2, 10)) {
            List<String> scopes = transactions.executeRead(s -> memberships.scopesOf(UUID.fromString(org), prefix + i))
                    .orElseThrow();
            assertEquals(scopes, texts(announced.get(prefix + i).path("scopes")), "member " + i);
        }
        assertEquals(MEMBERS, count("""
                SELECT count(*) FROM authority_floor f JOIN organization_authority_version v
                  ON v.subject = f.subject AND CAST(v.organization_id AS text) = f.organization_id
                WHERE f.organization_id = ? AND f.version = v.version""", org), "every member's floor raised");
        assertEquals(MEMBERS, count("""
                SELECT count(*) FROM organization_authority_version
                WHERE organization_id = ? AND announced = version""", UUID.fromString(org)),
                "every member's version marked announced, as an acceptance is judged by it");
    }

    @Test
    void aTemplateEditAnnouncesEveryHolderInEveryOrganization() {
        String scope = created("/api/organization-scopes", Map.of("name", "bulk:read:" + UUID.randomUUID()),
                managementToken());
        String role = created("/api/organization-roles", Map.of("name", "Bulk reader " + UUID.randomUUID(),
                "organizationScopeIds", List.of(scope)), managementToken());
        String first = created("/api/organizations", Map.of("name", "Readers one"), managementToken());
        String second = created("/api/organizations", Map.of("name", "Readers two"), managementToken());
        String prefix = "reader-" + UUID.randomUUID() + "-";
        addUsers(prefix, 600);
        sql("""
                INSERT INTO application (id, name, secret_hash)
                SELECT ? || 'app-' || n, 'Reader app ' || n, 'unused' FROM generate_series(0, 549) AS n""", prefix);
        for (String org : List.of(first, second)) {
            sql("""
                    INSERT INTO membership (organization_id, user_id)
                    SELECT ?, ? || n FROM generate_series(0, 599) AS n""", UUID.fromString(org), prefix);
            sql("""
                    INSERT INTO membership_role (organization_id, user_id, role_id)
                    SELECT organization_id, user_id, ? FROM membership WHERE organization_id = ?""",
                    UUID.fromString(role), UUID.fromString(org));
            // Machine-to-machine applications of the organizations hold the role too.
            sql("""
                    INSERT INTO organization_application (organization_id, application_id)
                    SELECT ?, id FROM application WHERE id LIKE ?""", UUID.fromString(org), prefix + "%");
            sql("""
                    INSERT INTO organization_application_role (organization_id, application_id, role_id)
                    SELECT organization_id, application_id, ? FROM organization_application
                    WHERE organization_id = ?""", UUID.fromString(role), UUID.fromString(org));
            // Every other holder also has a role the edit leaves alone, and every third a version raised before.
            sql("""
                    INSERT INTO membership_role (organization_id, user_id, role_id)
                    SELECT m.organization_id, m.user_id, r.id FROM membership m JOIN organization_role r
                      ON r.name = 'Collaborator'
                    WHERE m.organization_id = ? AND right(m.user_id, 1) IN ('0', '2', '4', '6', '8')""",
                    UUID.fromString(org));
            sql("""
                    INSERT INTO organization_application_role (organization_id, application_id, role_id)
                    SELECT a.organization_id, a.application_id, r.id FROM organization_application a
                    JOIN organization_role r ON r.name = 'Collaborator'
                    WHERE a.organization_id = ? AND right(a.application_id, 1) IN ('1', '3', '5', '7', '9')""",
                    UUID.fromString(org));
            sql("""
                    INSERT INTO organization_authority_version (subject, organization_id, version)
                    SELECT user_id, organization_id, 5 FROM membership
                    WHERE organization_id = ? AND right(user_id, 1) IN ('0', '3', '6', '9')
                    UNION ALL
                    SELECT application_id, organization_id, 7 FROM organization_application
                    WHERE organization_id = ? AND right(application_id, 1) IN ('0', '3', '6', '9')""",
                    UUID.fromString(org), UUID.fromString(org));
        }
        long outboxBefore = newestOutboxRow();

        assertEquals(204, status(HttpRequest.DELETE("/api/organization-roles/" + role + "/scopes/" + scope)
                .bearerAuth(managementToken())));

        for (String org : List.of(first, second)) {
            UUID id = UUID.fromString(org);
            Map<String, JsonNode> members = announcedSince(outboxBefore, org, "MemberRolesChanged", "userId");
            Map<String, JsonNode> applications = announcedSince(outboxBefore, org, "ApplicationRolesChanged",
                    "applicationId");
            assertEquals(600, members.size(), org);
            assertEquals(550, applications.size(), org);
            // Each event is its own holder's: roles and scopes as the single-holder reads give them, and its version.
            members.forEach((user, e) -> {
                List<String> scopes = transactions.executeRead(s -> memberships.scopesOf(id, user)).orElseThrow();
                List<String> roles = transactions.executeRead(s -> memberships.member(id, user)).orElseThrow()
                        .roleNames();
                assertEquals(scopes, texts(e.path("scopes")), e.toString());
                assertEquals(roles, texts(e.path("roles")), e.toString());
                assertEquals("0369".indexOf(user.charAt(user.length() - 1)) >= 0 ? 6 : 2,
                        e.path("authorityVersion").asLong(), e.toString());
            });
            applications.forEach((app, e) -> {
                List<String> scopes = transactions.executeRead(s -> organizationApplications.authorityOf(id, app))
                        .orElseThrow().scopes();
                List<String> roles = transactions.executeRead(s -> organizationApplications.roles(id, app,
                        Integer.MAX_VALUE, 0)).stream().map(r -> r.name()).toList();
                assertEquals(scopes, texts(e.path("scopes")), e.toString());
                assertEquals(roles, texts(e.path("roles")), e.toString());
                assertEquals("0369".indexOf(app.charAt(app.length() - 1)) >= 0 ? 8 : 2,
                        e.path("authorityVersion").asLong(), e.toString());
            });
            assertTrue(members.values().stream().anyMatch(e -> texts(e.path("scopes")).contains("read:documents")),
                    "a role the edit left alone keeps its scopes");
        }
    }

    /** Member {@code i}: Member, Member and Collaborator, or (every tenth) no role. */
    private static List<String> rolesOf(int i) {
        return i % 10 == 0 ? List.of() : i % 2 == 0 ? List.of("Member") : List.of("Collaborator", "Member");
    }

    private void addUsers(String prefix, int count) {
        sql("""
                INSERT INTO app_user (id, email, name)
                SELECT ? || n, ? || n || '@example.com', 'Bulk ' || n FROM generate_series(0, ? - 1) AS n""",
                prefix, prefix, count);
    }

    private void addMembers(String org, String prefix) {
        UUID id = UUID.fromString(org);
        addUsers(prefix, MEMBERS);
        sql("""
                INSERT INTO membership (organization_id, user_id, email)
                SELECT ?, ? || n, 'bulk' || n || '@example.com' FROM generate_series(0, ? - 1) AS n""",
                id, prefix, MEMBERS);
        sql("""
                INSERT INTO membership_role (organization_id, user_id, role_id)
                SELECT m.organization_id, m.user_id, r.id FROM membership m JOIN organization_role r
                  ON r.name = 'Member' OR (r.name = 'Collaborator' AND CAST(substr(m.user_id, ?) AS int) % 2 = 1)
                WHERE m.organization_id = ? AND CAST(substr(m.user_id, ?) AS int) % 10 <> 0""",
                prefix.length() + 1, id, prefix.length() + 1);
    }

    private Map<String, JsonNode> announcedSince(long outboxRow, String org) {
        return announcedSince(outboxRow, org, "MemberRolesChanged", "userId");
    }

    /** The events of this type for the organization written after that outbox row, by holder. */
    private Map<String, JsonNode> announcedSince(long outboxRow, String org, String type, String holderField) {
        List<String> payloads = transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                SELECT payload FROM outbox_event WHERE id > ? AND event_type = ? AND record_key = ?""",
                outboxRow, type, org));
        Map<String, JsonNode> byHolder = new HashMap<>();
        for (String payload : payloads) {
            JsonNode data = json(payload).path("data");
            JsonNode earlier = byHolder.put(data.path(holderField).asText(), data);
            assertTrue(earlier == null, "announced twice: " + data);
        }
        return byHolder;
    }

    private long newestOutboxRow() {
        return count("SELECT COALESCE(max(id), 0) FROM outbox_event");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private long count(String sql, Object... parameters) {
        return transactions.executeRead(s -> Long.parseLong(Statements.strings(s.getConnection(), sql, parameters)
                .get(0)));
    }

    private void sql(String sql, Object... parameters) {
        transactions.executeWrite(s -> Statements.update(s.getConnection(), sql, parameters));
    }
}
