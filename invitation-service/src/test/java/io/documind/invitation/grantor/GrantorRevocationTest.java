package io.documind.invitation.grantor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.events.ApplicationDeleted;
import io.documind.contracts.events.ApplicationRolesChanged;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.UserSuspended;
import io.documind.contracts.security.Scopes;
import io.documind.invitation.InvitationServiceTest;
import io.documind.invitation.OrgEvents.Org;
import io.documind.invitation.Reply;
import io.documind.invitation.lifecycle.Invitation;
import io.documind.invitation.management.Caller;
import io.documind.invitation.management.CreateInvitationRequest;
import io.documind.invitation.management.OrganizationInvitationService;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.documind.invitation.Reply.body;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accepting an invitation is the grant, so an invitation must not outlive the authority that vouched for its roles:
 * an Admin who invites a private address as Admin and is then removed must not come back by accepting. Nor an
 * invitation the organization's later decision about its invitee has overtaken. Each case changes the grantor's (or
 * the invitee's) membership by org-service's event and reads the invitations' status back over the API.
 */
@MicronautTest(transactional = false)
class GrantorRevocationTest extends InvitationServiceTest {

    private static final String API = "/api/organization-invitations";
    private static final String[] MEMBER_SCOPES = {Scopes.READ_DOCUMENTS, Scopes.CREATE_DOCUMENTS,
            Scopes.UPDATE_DOCUMENTS, Scopes.INVITE_MEMBER};

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    OrganizationInvitationService invitations;
    @Inject
    TransactionOperations<Connection> transactions;

    private final TestIssuer issuer = TestIssuer.shared();
    private final String machine = issuer.managementToken("m2m-" + UUID.randomUUID());

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.putAll(issuer.properties());
        return p;
    }

    @AfterAll
    void everyEventWrittenIsValidAgainstItsSchema() {
        assertEquals(List.of(), db.outboxProblems());
    }

    @Test
    void whatARemovedMemberVouchedForIsRevokedThereOnly() {
        Org org = organization(), other = organization();
        String admin = admin(org);
        String asAdmin = invite(admin, "Admin");
        String byMachine = invite(machine, org, "Admin");
        String resentByMachine = invite(admin, "Member");
        sendAgain(machine, resentByMachine); // the operator vouches for it now
        // The same person is Admin of the other organization too: what it vouched for there stays.
        String elsewhere = invite(issuer.organizationToken(org.adminId(), other.id(),
                Scopes.ALL_ORGANIZATION_SCOPES.toArray(String[]::new)), "Member");

        orgEvents.publish(new MembershipRemoved(org.id(), org.adminId(), 2));

        awaitStatus(asAdmin, "Revoked");
        assertEquals(1, db.eventsOf(asAdmin).stream()
                .filter(e -> e.path("type").asText().equals("InvitationRevoked")).count());
        assertEquals("Pending", status(byMachine));
        assertEquals("Pending", status(resentByMachine));
        assertEquals("Pending", status(elsewhere));
    }

    @Test
    void aDemotedMembersInvitationsToRolesItNoLongerHoldsAreRevoked() {
        Org org = organization();
        String asAdmin = invite(admin(org), "Admin");
        String asCollaborator = invite(admin(org), "Collaborator");
        String asMember = invite(admin(org), "Member");

        orgEvents.publish(new MemberRolesChanged(org.id(), org.adminId(), List.of("Member"), List.of(MEMBER_SCOPES), 2));

        awaitStatus(asAdmin, "Revoked");
        assertEquals("Pending", status(asCollaborator));
        assertEquals("Pending", status(asMember), "Member's scopes are still all held");
    }

    /**
     * A template edit (Admin loses delete:organization) reaches this service as the holders' MemberRolesChanged and
     * OrganizationTemplateChanged on different keys; the first may come first. Judged by the same, older template on
     * both sides, an Admin still covers an Admin invitation: nothing is revoked for the edit.
     */
    @Test
    void aTemplateEditArrivingAfterItsHoldersAnnouncementsRevokesNothing() throws Exception {
        Org org = organization();
        String asAdmin = invite(admin(org), "Admin");
        List<String> fewer = Scopes.ALL_ORGANIZATION_SCOPES.stream()
                .filter(scope -> !scope.equals(Scopes.DELETE_ORGANIZATION)).toList();

        awaitProcessed(orgEvents.publish(
                new MemberRolesChanged(org.id(), org.adminId(), List.of("Admin"), fewer, 2)));
        assertEquals("Pending", status(asAdmin));
    }

    /**
     * An invitation sent to a person who then joined another way (here the Management API) outlives that membership
     * unless the organization's later decisions end it: removed, the person must not come back through it as what
     * the (still entitled) grantor once offered; demoted, not rise again past the new roles.
     */
    @Test
    void aRemovedMembersOwnPendingInvitationIsRevokedThereOnly() {
        Org org = organization(), other = organization();
        String person = email();
        String userId = orgEvents.newUser(person);
        String toOrg = invite(admin(org), org, "Admin", person);
        String toOther = invite(admin(other), other, "Admin", person);
        orgEvents.publish(new MembershipCreated(org.id(), userId, person, List.of("Member"), MembershipSource.MANAGEMENT_API));
        db.awaitMember(org.id(), userId);

        orgEvents.publish(new MembershipRemoved(org.id(), userId, 2));

        awaitStatus(toOrg, "Revoked");
        assertEquals(List.of("InvitationCreated", "InvitationMessageRequested", "InvitationRevoked"),
                db.eventTypesOf(toOrg));
        assertEquals("Pending", status(toOther));
    }

    @Test
    void aDemotedMembersOwnPendingInvitationEndsOnlyIfItGrantsMoreThanItsNewRoles() throws Exception {
        Org org = organization();
        String demoted = email(), unchanged = email();
        String demotedId = orgEvents.newUser(demoted), unchangedId = orgEvents.newUser(unchanged);
        String asAdmin = invite(admin(org), org, "Admin", demoted);
        String asCollaborator = invite(admin(org), org, "Collaborator", unchanged);
        orgEvents.publish(new MembershipCreated(org.id(), demotedId, demoted, List.of("Admin"),
                MembershipSource.MANAGEMENT_API));
        orgEvents.publish(new MembershipCreated(org.id(), unchangedId, unchanged, List.of("Admin"),
                MembershipSource.MANAGEMENT_API));

        orgEvents.publish(new MemberRolesChanged(org.id(), demotedId, List.of("Member"), List.of(MEMBER_SCOPES), 2));
        awaitProcessed(orgEvents.publish(
                new MemberRolesChanged(org.id(), unchangedId, List.of("Member"), List.of(MEMBER_SCOPES), 2)));

        awaitStatus(asAdmin, "Revoked");
        assertEquals("Pending", status(asCollaborator), "Member holds every scope Collaborator grants");
    }

    @Test
    void aSuspendedUsersInvitationsAreRevokedEverywhere() {
        Org org = organization();
        String invitation = invite(admin(org), "Collaborator");
        orgEvents.publish(new UserSuspended(org.adminId(), 3));
        awaitStatus(invitation, "Revoked");
    }

    @Test
    void anApplicationsInvitationsFollowItsRolesAndItsDeletion() {
        Org org = organization();
        String appId = "app-" + UUID.randomUUID();
        String app = issuer.token().organization(org.id()).subject(appId).clientId(appId).scopes(MEMBER_SCOPES).sign();
        String asMember = invite(app, "Member");
        String asCollaborator = invite(app, "Collaborator");

        orgEvents.publish(new ApplicationRolesChanged(org.id(), appId, List.of("Collaborator"),
                List.of(Scopes.READ_DOCUMENTS), 2));
        awaitStatus(asMember, "Revoked");
        assertEquals("Pending", status(asCollaborator));

        orgEvents.publish(new ApplicationDeleted(appId, 2));
        awaitStatus(asCollaborator, "Revoked");
    }

    /**
     * The window between a request's token check and its hold on the grantor: a create checked just before its
     * inviter's removal waits for the revocation (here, this test holding the grantor's lock as the revocation does)
     * and then goes on. The removal's floor is committed by then, before the revocation began, so the create is
     * refused instead of writing an invitation the revocation's scan has already missed.
     */
    @Test
    void aCreateThatWaitedOutItsInvitersRemovalIsRefused() throws Exception {
        Org org = organization();
        assertRefusedAfterWaiting(org, org.adminId(), admin(org), "MembershipRemoved");
    }

    /** The same for an application, which has no member row to hold: the lock is on the grantor's id. */
    @Test
    void aCreateThatWaitedOutItsApplicationsRemovalIsRefused() throws Exception {
        Org org = organization();
        String appId = "app-" + UUID.randomUUID();
        String app = issuer.token().organization(org.id()).subject(appId).clientId(appId).scopes(MEMBER_SCOPES).sign();
        assertRefusedAfterWaiting(org, appId, app, "ApplicationRemovedFromOrganization");
    }

    /**
     * The other order: a create holds its grantor when the removal arrives. The revocation waits for it to commit,
     * then finds and revokes its invitation (its scan alone, run meanwhile, would not see the uncommitted row).
     */
    @Test
    void aRemovalWaitsForACreateInFlightAndRevokesIt() throws Exception {
        Org org = organization();
        Caller admin = Caller.member(org.id(), org.adminId(), Scopes.ALL_ORGANIZATION_SCOPES.toArray(String[]::new));
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newSingleThreadExecutor()) {
            Future<Invitation> create = threads.submit(() -> transactions.executeWrite(status -> {
                Invitation invitation = invitations.create(admin, new CreateInvitationRequest(email(), org.id(), null,
                        List.of("Admin"), null, null, null));
                created.countDown();
                assertTrue(commit.await(30, TimeUnit.SECONDS));
                return invitation;
            }));
            assertTrue(created.await(30, TimeUnit.SECONDS));
            orgEvents.publish(new MembershipRemoved(org.id(), org.adminId(), 2));
            // The revocation waits for the create's hold on the grantor.
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM pg_locks "
                    + "WHERE locktype = 'advisory' AND classid = 7312 AND mode = 'ExclusiveLock' AND NOT granted") > 0);
            commit.countDown();
            awaitStatus(create.get(30, TimeUnit.SECONDS).id().toString(), "Revoked");
        }
    }

    private void assertRefusedAfterWaiting(Org org, String grantorId, String token, String cause) throws Exception {
        String invitee = email();
        CompletableFuture<Reply> created;
        try (Connection revocation = db.open()) {
            revocation.setAutoCommit(false);
            try (PreparedStatement hold = revocation.prepareStatement(
                    "SELECT pg_advisory_xact_lock(7312, hashtext(?))")) {
                hold.setString(1, grantorId);
                hold.execute();
            }
            created = CompletableFuture.supplyAsync(() -> Reply.exchange(http, HttpRequest.POST(API,
                    body("invitee", invitee, "organizationRoleNames", List.of("Collaborator"))).bearerAuth(token)));
            // The create passed its token check and waits for the grantor.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7312 AND mode = 'ShareLock' AND NOT granted") > 0);
            // The removal's floor, committed before its revocation (FloorEvents run first, on their own).
            db.update("INSERT INTO authority_floor (subject, organization_id, version, cause) VALUES (?, ?, 2, ?)",
                    grantorId, org.id(), cause);
            revocation.commit();
        }
        Reply reply = created.get(30, TimeUnit.SECONDS);
        assertEquals(401, reply.status(), reply.body());
        assertTrue(reply.header("WWW-Authenticate").contains("invalid_token"), reply.header("WWW-Authenticate"));
        assertEquals(0, db.count("SELECT count(*) FROM invitation WHERE invitee = ?", invitee));
    }

    /** Until invitation-service's consumer has applied the event (its effects and its dedupe row commit together). */
    private void awaitProcessed(byte[] envelope) throws Exception {
        String eventId = new ObjectMapper().readTree(envelope).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                db.count("SELECT count(*) FROM processed_event WHERE event_id = CAST(? AS UUID)", eventId) > 0);
    }

    private String invite(String token, String role) {
        return invite(token, null, role);
    }

    private String invite(String token, Org organization, String role) {
        return invite(token, organization, role, email());
    }

    private String invite(String token, Org organization, String role, String invitee) {
        Map<String, Object> fields = new java.util.HashMap<>(body("invitee", invitee, "organizationRoleNames", List.of(role)));
        if (organization != null) {
            fields.put("organizationId", organization.id());
        }
        Reply created = Reply.exchange(http, HttpRequest.POST(API, fields).bearerAuth(token));
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private void sendAgain(String token, String id) {
        clock.advance(Duration.ofMinutes(2)); // past the resend cooldown
        Reply sent = Reply.exchange(http, HttpRequest.POST(API + "/" + id + "/message", "").bearerAuth(token));
        assertEquals(204, sent.status(), sent.body());
    }

    private String status(String id) {
        Reply reply = Reply.exchange(http, HttpRequest.GET(API + "/" + id).bearerAuth(machine));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().path("status").asText();
    }

    private void awaitStatus(String id, String expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals(expected));
    }

    private String admin(Org org) {
        return issuer.organizationToken(org.adminId(), org.id(), Scopes.ALL_ORGANIZATION_SCOPES.toArray(String[]::new));
    }

    private Org organization() {
        return db.awaitKnown(orgEvents.newOrganization("Grantors " + UUID.randomUUID().toString().substring(0, 8)));
    }

    private static String email() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
