package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two transactions changing one member's roles at once: the MemberRolesChanged with the higher authority version
 * must carry the roles the member holds once both committed, since consumers keep the event with the highest version
 * (invitation-service's member view decides "already a member" and "grant only what you hold" from it).
 */
@MicronautTest(transactional = false)
class MemberAnnouncementRaceTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void theLaterAnnouncementCarriesTheRolesAnEarlierUncommittedChangeGave() throws Exception {
        Account admin = signUp();
        String org = createOrganization(admin, "Announced");
        Account member = signUp();
        addMember(org, member, "Member");

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // A role change that has raised the member's version (holding its row) and not committed yet.
            Future<?> earlier = pool.submit(() -> transactions.executeWrite(s -> {
                Connection c = s.getConnection();
                Statements.update(c, """
                        INSERT INTO organization_authority_version AS v (subject, organization_id, version)
                        VALUES (?, ?, 2) ON CONFLICT (subject, organization_id) DO UPDATE SET version = v.version + 1""",
                        member.id(), UUID.fromString(org));
                Statements.update(c, """
                        INSERT INTO membership_role (organization_id, user_id, role_id)
                        SELECT ?, ?, id FROM organization_role WHERE name = 'Collaborator'""",
                        UUID.fromString(org), member.id());
                holding.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Future<Integer> later = pool.submit(() -> status(HttpRequest.POST(
                    "/api/organizations/" + org + "/users/" + member.id() + "/roles",
                    Map.of("organizationRoleNames", List.of("Admin"))).bearerAuth(managementToken())));
            await().atMost(Duration.ofSeconds(10)).until(this::aStatementWaitsOnALock);

            commit.countDown();
            earlier.get(10, TimeUnit.SECONDS);
            assertEquals(201, later.get(10, TimeUnit.SECONDS));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }

        List<String> held = transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                SELECT r.name FROM membership_role m JOIN organization_role r ON r.id = m.role_id
                WHERE m.organization_id = ? AND m.user_id = ? ORDER BY r.name""", UUID.fromString(org), member.id()));
        assertEquals(List.of("Admin", "Collaborator", "Member"), held);
        long version = Long.parseLong(transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                SELECT version FROM organization_authority_version WHERE subject = ? AND organization_id = ?""",
                member.id(), UUID.fromString(org))).getFirst());
        JsonNode newest = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals("MemberRolesChanged"))
                .map(e -> e.path("data")).filter(d -> d.path("userId").asText().equals(member.id()))
                .max(Comparator.comparingLong(d -> d.path("authorityVersion").asLong())).orElse(null),
                d -> d != null && d.path("authorityVersion").asLong() == version);
        assertEquals(held, StreamSupport.stream(newest.path("roles").spliterator(), false).map(JsonNode::asText)
                .sorted().toList(), newest.toString());
    }

    @Test
    void aMembershipCommittedWhileItsUserIsDeletedIsAnnouncedRemoved() throws Exception {
        Account admin = signUp();
        String org = createOrganization(admin, "Joined while leaving");
        Account user = signUp();

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // A membership being added (as org-service's consumer adds one), not committed yet.
            Future<?> joining = pool.submit(() -> transactions.executeWrite(s -> {
                Statements.update(s.getConnection(), "INSERT INTO membership (organization_id, user_id, email) "
                        + "VALUES (?, ?, ?)", UUID.fromString(org), user.id(), user.email());
                holding.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Future<Integer> deletion = pool.submit(() -> status(HttpRequest.DELETE("/api/users/" + user.id())
                    .bearerAuth(managementToken())));
            await().atMost(Duration.ofSeconds(10)).until(this::aStatementWaitsOnALock);

            commit.countDown();
            joining.get(10, TimeUnit.SECONDS);
            assertEquals(204, deletion.get(10, TimeUnit.SECONDS));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }

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
        String scope = json(http.toBlocking().retrieve(HttpRequest.POST("/api/organization-scopes",
                Map.of("name", "race:" + suffix)).bearerAuth(management))).path("id").asText();
        String role = json(http.toBlocking().retrieve(HttpRequest.POST("/api/organization-roles",
                Map.of("name", "Racer " + suffix, "organizationScopeIds", List.of(scope))).bearerAuth(management)))
                .path("id").asText();
        Account admin = signUp();
        String org = createOrganization(admin, "Shrinking");
        Account member = signUp();
        addMember(org, member, "Collaborator");

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The role being granted (its foreign key check holds the role's row), not committed yet.
            Future<?> granting = pool.submit(() -> transactions.executeWrite(s -> {
                Statements.update(s.getConnection(), "INSERT INTO membership_role (organization_id, user_id, role_id) "
                        + "VALUES (?, ?, ?)", UUID.fromString(org), member.id(), UUID.fromString(role));
                holding.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Future<Integer> shrinking = pool.submit(() -> status(HttpRequest.DELETE(
                    "/api/organization-roles/" + role + "/scopes/" + scope).bearerAuth(management)));
            await().atMost(Duration.ofSeconds(10)).until(this::aStatementWaitsOnALock);

            commit.countDown();
            granting.get(10, TimeUnit.SECONDS);
            assertEquals(204, shrinking.get(10, TimeUnit.SECONDS));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }

        long version = Long.parseLong(transactions.executeRead(s -> Statements.strings(s.getConnection(), """
                SELECT version FROM organization_authority_version WHERE subject = ? AND organization_id = ?""",
                member.id(), UUID.fromString(org))).getFirst());
        JsonNode newest = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                        .filter(e -> e.path("type").asText().equals("MemberRolesChanged"))
                        .map(e -> e.path("data")).filter(d -> d.path("userId").asText().equals(member.id()))
                        .max(Comparator.comparingLong(d -> d.path("authorityVersion").asLong())).orElse(null),
                d -> d != null && d.path("authorityVersion").asLong() == version);
        assertTrue(newest.path("roles").toString().contains("Racer " + suffix), newest.toString());
        assertTrue(!newest.path("scopes").toString().contains("race:" + suffix), newest.toString());
    }

    private boolean aStatementWaitsOnALock() {
        return transactions.executeRead(s -> !Statements.strings(s.getConnection(), """
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'""").isEmpty());
    }
}
