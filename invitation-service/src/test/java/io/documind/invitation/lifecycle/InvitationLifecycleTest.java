package io.documind.invitation.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.Topics;
import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.contracts.events.OrganizationTemplateChanged;
import io.documind.contracts.events.OrganizationUpdated;
import io.documind.contracts.events.UserDeleted;
import io.documind.contracts.events.UserUpdated;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.contracts.security.Scopes;
import io.documind.invitation.Concurrently;
import io.documind.invitation.InvitationServiceTest;
import io.documind.invitation.OrgEvents.Org;
import io.documind.invitation.acceptance.Acceptance;
import io.documind.invitation.acceptance.AcceptanceService;
import io.documind.invitation.acceptance.InvitationLanding;
import io.documind.invitation.acceptance.Invitee;
import io.documind.invitation.management.Caller;
import io.documind.invitation.management.CreateInvitationRequest;
import io.documind.invitation.management.InvitationPage;
import io.documind.invitation.management.InvitationQuery;
import io.documind.invitation.management.InvitationResponse;
import io.documind.invitation.management.OrganizationInvitationService;
import io.documind.invitation.management.StatusChangeRequest;
import io.documind.kit.web.ProblemException;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invitation lifecycle on real PostgreSQL and Kafka, through the services (the HTTP layer has its own
 * test): every rule, the read models fed by org-service's events, the outbox events and their schemas.
 */
@MicronautTest(transactional = false)
class InvitationLifecycleTest extends InvitationServiceTest {

    private static final Caller MACHINE = Caller.management("m2m-app");
    private static final String[] ADMIN_SCOPES = Scopes.ALL_ORGANIZATION_SCOPES.toArray(String[]::new);
    private static final String MEMBER_ROLE_ID = "00000000-0000-4000-8000-000000000002";
    private static final String COLLABORATOR_ROLE_ID = "00000000-0000-4000-8000-000000000003";
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Inject
    OrganizationInvitationService invitations;
    @Inject
    AcceptanceService acceptance;
    @Inject
    ExpirySweep sweep;
    @Inject
    InvitationRepository rows;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        // This test sweeps by hand, to see what reads say before the sweep and to race several sweepers.
        p.put("documind.invitation.sweep-enabled", "false");
        p.put("documind.invitation.sweep-batch-size", "5");
        return p;
    }

    @AfterAll
    void everyEventWrittenIsValidAgainstItsSchema() {
        assertTrue(db.outboxCount() > 0);
        assertEquals(List.of(), db.outboxProblems());
    }

    // ---- creating ------------------------------------------------------------------------------------------

    @Test
    void invitingWritesCreatedAndAMessageWhoseLinkOpensTheInvitation() {
        Org org = organization();
        String invitee = "Bob." + unique() + "@Example.com";
        Invitation invitation = invitations.create(admin(org),
                request(org.id(), invitee, List.of("Member"), List.of(COLLABORATOR_ROLE_ID)));

        assertEquals(InvitationStatus.Pending, invitation.status());
        assertEquals(invitee, invitation.invitee());
        assertEquals(org.adminId(), invitation.inviterId());
        assertEquals(List.of(new InvitationRole(MEMBER_ROLE_ID, "Member"), new InvitationRole(COLLABORATOR_ROLE_ID, "Collaborator")),
                invitation.roles());
        Duration expiresIn = Duration.between(clock.instant(), invitation.expiresAt());
        assertTrue(expiresIn.compareTo(Duration.ofDays(7).minusMinutes(1)) > 0 && expiresIn.compareTo(Duration.ofDays(7)) <= 0,
                "default expiry is 7 days: " + expiresIn);

        String id = invitation.id().toString();
        assertEquals(List.of("InvitationCreated", "InvitationMessageRequested"), db.eventTypesOf(id));
        JsonNode created = db.onlyEvent(id, "InvitationCreated");
        assertEquals(org.id(), created.path("organizationId").asText());
        assertEquals(invitee, created.path("invitee").asText());
        assertEquals(org.adminId(), created.path("inviter").path("userId").asText());
        assertEquals(org.adminEmail(), created.path("inviter").path("email").asText());
        assertEquals("[\"Member\",\"Collaborator\"]", created.path("roles").toString());

        JsonNode message = db.onlyEvent(id, "InvitationMessageRequested");
        assertEquals(org.name(), message.path("organizationName").asText());
        assertTrue(message.path("link").isMissingNode(), "no link in clear: " + message);
        String link = db.latestLink(id);
        assertTrue(link.startsWith("http://localhost:3000/invitation/" + id + "?token="), link);
        String token = tokenOf(invitation);
        assertTrue(token.length() >= 22, "at least 128 bits: " + token);
        // Only the hash is kept: the secret appears nowhere in the invitation's row, nor in the outbox (sealed).
        assertArrayEquals(LinkSecrets.hash(token), invitation.secretHash());
        assertEquals(0, db.count("SELECT count(*) FROM invitation WHERE position(? in row_to_json(invitation)::text) > 0", token));
        assertEquals(0, db.count("SELECT count(*) FROM outbox_event WHERE position(? in payload::text) > 0", token));

        InvitationLanding landing = acceptance.landing(invitation.id(), token);
        assertEquals(org.name(), landing.organizationName());
        assertEquals(org.adminId(), landing.inviter().userId());
        assertEquals(List.of("Member", "Collaborator"), landing.roles());
        assertEquals("Pending", landing.status());
        assertEquals(invitation.expiresAt(), landing.expiresAt());
    }

    @Test
    void noEmailWhenMessagePayloadIsFalseUntilTheMessageIsAskedFor() {
        Org org = organization();
        Invitation invitation = invitations.create(MACHINE, new CreateInvitationRequest(email(), org.id(), null,
                List.of("Member"), null, null, io.micronaut.json.tree.JsonNode.createBooleanNode(false)));
        String id = invitation.id().toString();
        assertEquals(List.of("InvitationCreated"), db.eventTypesOf(id));
        invitations.resend(MACHINE, invitation.id());
        assertEquals(List.of("InvitationCreated", "InvitationMessageRequested"), db.eventTypesOf(id));
        acceptance.landing(invitation.id(), tokenOf(invitation));
    }

    @Test
    void aMachineInvitesInNobodysNameOrInAMembersName() {
        Org org = organization();
        Invitation anonymous = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        JsonNode nobody = db.onlyEvent(anonymous.id().toString(), "InvitationCreated").path("inviter");
        assertTrue(nobody.isNull() || nobody.isMissingNode(), nobody.toString());

        Invitation named = invitations.create(MACHINE, new CreateInvitationRequest(email(), org.id(), org.adminId(),
                List.of("Member"), null, null, null));
        assertEquals(org.adminEmail(), db.onlyEvent(named.id().toString(), "InvitationCreated").path("inviter").path("email").asText());

        refusedWithoutChange(422, () -> invitations.create(MACHINE, new CreateInvitationRequest(email(), org.id(), "stranger",
                List.of("Member"), null, null, null)));
        refusedWithoutChange(403, () -> invitations.create(admin(org),
                new CreateInvitationRequest(email(), org.id(), "someone-else", List.of("Member"), null, null, null)));
    }

    @Test
    void expiryIsInTheFutureAndAtMostThirtyDaysAhead() {
        Org org = organization();
        Instant now = clock.instant();
        refusedWithoutChange(400, () -> invitations.create(MACHINE, expiring(org, now.minusSeconds(1))));
        refusedWithoutChange(400, () -> invitations.create(MACHINE, expiring(org, now.plus(Duration.ofDays(31)))));
        Instant inADay = now.plus(Duration.ofDays(1));
        assertEquals(inADay.toEpochMilli(), invitations.create(MACHINE, expiring(org, inADay)).expiresAt().toEpochMilli());
    }

    @Test
    void onePendingInvitationPerInviteeWhateverTheCaseEvenWhenTwoArriveAtOnce() throws Exception {
        Org org = organization();
        String invitee = email();
        Invitation first = invitations.create(MACHINE, request(org.id(), invitee, List.of("Member"), null));
        refusedWithoutChange(409, () -> invitations.create(MACHINE, request(org.id(), invitee.toUpperCase(), List.of("Member"), null)));

        String raced = email();
        List<Object> outcomes = Concurrently.run(4, () -> invitations.create(MACHINE, request(org.id(), raced, List.of("Member"), null)));
        assertEquals(1, outcomes.stream().filter(o -> o instanceof Invitation).count(), outcomes.toString());
        outcomes.stream().filter(o -> !(o instanceof Invitation))
                .forEach(o -> assertEquals(409, assertInstanceOf(ProblemException.class, o).status().getCode()));

        invitations.changeStatus(MACHINE, first.id(), new StatusChangeRequest("Revoked", null));
        assertEquals(InvitationStatus.Pending, invitations.create(MACHINE, request(org.id(), invitee, List.of("Member"), null)).status());
    }

    @Test
    void membersAreNotInvitedAgainUntilTheyLeave() {
        Org org = organization();
        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(org.id(), org.adminEmail().toUpperCase(), List.of("Member"), null)));
        orgEvents.publish(new MembershipRemoved(org.id(), org.adminId(), 1));
        db.awaitCount("SELECT count(*) FROM member_view WHERE organization_id = ?", 0, org.id());
        invitations.create(MACHINE, request(org.id(), org.adminEmail(), List.of("Admin"), null));
    }

    @Test
    void rolesComeFromTheTemplateAsOrgServiceLastDescribedIt() {
        Org org = organization();
        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(org.id(), email(), List.of("Owner"), null)));
        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(org.id(), email(), null, List.of(UUID.randomUUID().toString()))));
        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(org.id(), email(), List.of("Reviewer"), null)));

        // Every template sent keeps the seeded roles and their scopes, so other tests reading the same topic are
        // not disturbed (their grants are weighed against these scopes).
        List<OrganizationTemplateChanged.Role> seeded = List.of(
                new OrganizationTemplateChanged.Role("00000000-0000-4000-8000-000000000001", "Admin",
                        Scopes.ALL_ORGANIZATION_SCOPES, List.of()),
                new OrganizationTemplateChanged.Role(MEMBER_ROLE_ID, "Member", List.of(Scopes.READ_DOCUMENTS,
                        Scopes.CREATE_DOCUMENTS, Scopes.UPDATE_DOCUMENTS, Scopes.INVITE_MEMBER), List.of()),
                new OrganizationTemplateChanged.Role(COLLABORATOR_ROLE_ID, "Collaborator", List.of("read:documents"),
                        List.of()));
        List<OrganizationTemplateChanged.Role> withReviewer = new ArrayList<>(seeded);
        withReviewer.add(new OrganizationTemplateChanged.Role("reviewer-id", "Reviewer", List.of("read:documents"),
                List.of()));
        orgEvents.publish(new OrganizationTemplateChanged(withReviewer));
        db.awaitCount("SELECT count(*) FROM role_view WHERE name = 'Reviewer'", 1);
        Invitation byId = invitations.create(MACHINE, request(org.id(), email(), null, List.of("reviewer-id")));
        assertEquals(List.of(new InvitationRole("reviewer-id", "Reviewer")), byId.roles());

        orgEvents.publish(new OrganizationTemplateChanged(seeded));
        db.awaitCount("SELECT count(*) FROM role_view WHERE name = 'Reviewer'", 0);
        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(org.id(), email(), List.of("Reviewer"), null)));
        // An invitation keeps the roles it was made with.
        assertEquals(List.of(new InvitationRole("reviewer-id", "Reviewer")),
                invitations.get(MACHINE, byId.id()).organizationRoles());
    }

    @Test
    void onlyKnownOrganizationsCanBeInvitedTo() {
        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(UUID.randomUUID().toString(), email(), List.of("Member"), null)));
        refusedWithoutChange(400, () -> invitations.create(MACHINE, request(null, email(), List.of("Member"), null)));
    }

    // ---- org-service's events ------------------------------------------------------------------------------

    @Test
    void organizationDeletedRevokesItsPendingInvitationsOnceAndClosesIt() {
        Org org = organization();
        Invitation pending = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        Invitation overdue = invitations.create(MACHINE, expiring(org, clock.instant().plus(Duration.ofMinutes(1))));
        Invitation revoked = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        invitations.changeStatus(MACHINE, revoked.id(), new StatusChangeRequest("Revoked", null));
        clock.advance(Duration.ofMinutes(2));

        byte[] deleted = orgEvents.publish(new OrganizationDeleted(org.id()));
        orgEvents.publishRaw(org.id(), deleted); // delivered twice: applied once
        // Same key, so same partition: once this later event is applied, both deliveries have been handled.
        orgEvents.publish(new MembershipCreated(org.id(), "marker", null, List.of("Member"), MembershipSource.MANAGEMENT_API));
        db.awaitMember(org.id(), "marker");
        assertEquals(1, db.count("SELECT count(*) FROM organization_view WHERE id = ? AND deleted", org.id()));

        assertEquals("Revoked", invitations.get(MACHINE, pending.id()).status());
        assertEquals(List.of("InvitationCreated", "InvitationMessageRequested", "InvitationRevoked"),
                db.eventTypesOf(pending.id().toString()));
        assertEquals("Expired", invitations.get(MACHINE, overdue.id()).status(), "already over: left to the sweep");
        assertFalse(db.eventTypesOf(overdue.id().toString()).contains("InvitationRevoked"));
        assertEquals(1, db.eventTypesOf(revoked.id().toString()).stream().filter("InvitationRevoked"::equals).count());
        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null)));
    }

    @Test
    void aRenamedOrganizationIsNamedInTheNextMessage() {
        Org org = organization();
        orgEvents.publish(new OrganizationUpdated(org.id(), "Renamed " + org.name(), null, null, false, null));
        db.awaitCount("SELECT count(*) FROM organization_view WHERE id = ? AND name LIKE 'Renamed %'", 1, org.id());
        Invitation invitation = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        assertEquals("Renamed " + org.name(),
                db.onlyEvent(invitation.id().toString(), "InvitationMessageRequested").path("organizationName").asText());
    }

    // ---- status --------------------------------------------------------------------------------------------

    @Test
    void revokedIsFinal() {
        Org org = organization();
        Invitation invitation = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        String token = tokenOf(invitation);
        InvitationResponse revoked = invitations.changeStatus(admin(org), invitation.id(),
                new StatusChangeRequest("Revoked", null));
        assertEquals("Revoked", revoked.status());
        JsonNode event = db.onlyEvent(invitation.id().toString(), "InvitationRevoked");
        assertEquals(invitation.invitee(), event.path("invitee").asText());

        refusedWithoutChange(422, () -> invitations.changeStatus(MACHINE, invitation.id(), new StatusChangeRequest("Revoked", null)));
        refusedWithoutChange(422, () -> invitations.changeStatus(MACHINE, invitation.id(), new StatusChangeRequest("Accepted", "u-1")));
        refusedWithoutChange(422, () -> invitations.resend(MACHINE, invitation.id()));
        refusedWithoutChange(422, () -> acceptance.accept(invitation.id(), token, new Invitee("u-1", invitation.invitee(), true)));
        assertEquals("Revoked", acceptance.landing(invitation.id(), token).status());
    }

    @Test
    void onlyAManagementTokenAcceptsOnSomeonesBehalf() {
        Org org = organization();
        Invitation invitation = invitations.create(admin(org),
                request(org.id(), email(), List.of("Collaborator"), null));
        String userX = db.awaitUser(orgEvents.newUser(invitation.invitee()), invitation.invitee());
        refusedWithoutChange(403, () -> invitations.changeStatus(admin(org), invitation.id(),
                new StatusChangeRequest("Accepted", userX)));

        InvitationResponse accepted = invitations.changeStatus(MACHINE, invitation.id(), new StatusChangeRequest("Accepted", userX));
        assertEquals("Accepted", accepted.status());
        assertEquals(userX, accepted.acceptedUserId());
        JsonNode event = db.onlyEvent(invitation.id().toString(), "InvitationAccepted");
        assertEquals(userX, event.path("acceptedUserId").asText());
        assertEquals(org.id(), event.path("organizationId").asText());
        assertEquals(invitation.invitee(), event.path("invitee").asText());
        assertEquals("[\"Collaborator\"]", event.path("roles").toString());
        assertEquals(org.adminId(), event.path("inviter").path("userId").asText());
    }

    // ---- expiry --------------------------------------------------------------------------------------------

    @Test
    void expiredTheMomentItsTimePassesAndTheSweepWritesItDownOnce() {
        Org org = organization();
        Invitation invitation = invitations.create(MACHINE, expiring(org, clock.instant().plus(Duration.ofMinutes(10))));
        String token = tokenOf(invitation);
        clock.advance(Duration.ofMinutes(11));

        assertEquals("Expired", invitations.get(MACHINE, invitation.id()).status());
        assertEquals("Expired", acceptance.landing(invitation.id(), token).status());
        assertEquals(List.of(invitation.id().toString()), ids(invitations.list(MACHINE, query(org.id(), null, "Expired"))));
        assertEquals(List.of(), ids(invitations.list(MACHINE, query(org.id(), null, "Pending"))));
        assertEquals(1, db.count("SELECT count(*) FROM invitation WHERE id = ? AND status = 'Pending'", invitation.id()),
                "not swept yet");
        refusedWithoutChange(422, () -> acceptance.accept(invitation.id(), token, new Invitee("u-1", invitation.invitee(), true)));
        refusedWithoutChange(422, () -> invitations.changeStatus(MACHINE, invitation.id(), new StatusChangeRequest("Revoked", null)));
        refusedWithoutChange(422, () -> invitations.resend(MACHINE, invitation.id()));

        assertTrue(sweep.sweep() >= 1);
        sweep.sweep();
        assertEquals(1, db.count("SELECT count(*) FROM invitation WHERE id = ? AND status = 'Expired'", invitation.id()));
        assertEquals(invitation.invitee(), db.onlyEvent(invitation.id().toString(), "InvitationExpired").path("invitee").asText());
    }

    @Test
    void aNewInvitationTakesThePlaceOfOneWhoseTimePassedBeforeTheSweep() {
        Org org = organization();
        Invitation old = invitations.create(MACHINE, expiring(org, clock.instant().plus(Duration.ofMinutes(10))));
        clock.advance(Duration.ofMinutes(11));
        Invitation fresh = invitations.create(MACHINE, request(org.id(), old.invitee(), List.of("Member"), null));
        assertEquals(InvitationStatus.Pending, fresh.status());
        db.onlyEvent(old.id().toString(), "InvitationExpired");
        sweep.sweep();
        db.onlyEvent(old.id().toString(), "InvitationExpired");
    }

    @Test
    void sweepersRacingEachOtherExpireEachInvitationExactlyOnce() throws Exception {
        Org org = organization();
        List<Invitation> due = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            due.add(invitations.create(MACHINE, expiring(org, clock.instant().plus(Duration.ofMinutes(10)))));
        }
        clock.advance(Duration.ofMinutes(11));
        List<Object> outcomes = Concurrently.run(4, sweep::sweep);
        outcomes.forEach(o -> assertInstanceOf(Integer.class, o, String.valueOf(o)));
        for (Invitation invitation : due) {
            db.onlyEvent(invitation.id().toString(), "InvitationExpired");
            assertEquals("Expired", invitations.get(MACHINE, invitation.id()).status());
        }
    }

    // ---- sending again ---------------------------------------------------------------------------------------

    @Test
    void sendingAgainIsRateLimitedAndReplacesTheSecret() {
        Org org = organization();
        Invitation invitation = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        String oldToken = tokenOf(invitation);

        ProblemException tooSoon = problem(() -> invitations.resend(MACHINE, invitation.id()));
        assertEquals(429, tooSoon.status().getCode());
        assertTrue(tooSoon.retryAfterSeconds() >= 1 && tooSoon.retryAfterSeconds() <= 60, "" + tooSoon.retryAfterSeconds());
        assertEquals(1, db.eventTypesOf(invitation.id().toString()).stream().filter("InvitationMessageRequested"::equals).count());

        clock.advance(Duration.ofSeconds(61));
        invitations.resend(MACHINE, invitation.id());
        String newToken = tokenOf(invitation);
        assertNotEquals(oldToken, newToken);
        assertEquals(404, problem(() -> acceptance.landing(invitation.id(), oldToken)).status().getCode());
        assertEquals(404, problem(() -> acceptance.accept(invitation.id(), oldToken, new Invitee("u-2", invitation.invitee(), true)))
                .status().getCode());
        assertEquals("Pending", acceptance.landing(invitation.id(), newToken).status());
        assertEquals(429, problem(() -> invitations.resend(MACHINE, invitation.id())).status().getCode());
    }

    @Test
    void acceptingForSomeoneNeedsAnExistingUserWhoseEmailIsTheInvitee() {
        Org org = organization();
        Invitation invitation = invitations.create(MACHINE, request(org.id(), "Dana." + unique() + "@Example.com",
                List.of("Member"), null));
        String otherEmail = email();
        String user = db.awaitUser(orgEvents.newUser(otherEmail), otherEmail);
        String gone = orgEvents.newUser(invitation.invitee());
        db.awaitUser(gone, invitation.invitee());
        orgEvents.publish(new UserDeleted(gone, 2));
        db.awaitCount("SELECT count(*) FROM user_view WHERE id = ? AND deleted", 1, gone);

        for (String who : List.of("nobody-" + unique(), user, gone)) {
            ProblemException refused = problem(() -> invitations.changeStatus(MACHINE, invitation.id(),
                    new StatusChangeRequest("Accepted", who)));
            assertEquals(422, refused.status().getCode(), who);
            assertEquals("acceptedUserId", refused.field());
        }
        assertEquals(List.of("InvitationCreated", "InvitationMessageRequested"), db.eventTypesOf(invitation.id().toString()));

        // The user changes its email to the invitee's (in another case): now it is the invitee.
        String lower = invitation.invitee().toLowerCase(java.util.Locale.ROOT);
        orgEvents.publish(new UserUpdated(user, lower, "Dana", true));
        db.awaitUser(user, lower);
        assertEquals("Accepted", invitations.changeStatus(MACHINE, invitation.id(),
                new StatusChangeRequest("Accepted", user)).status());
    }

    @Test
    void aMembersNewEmailIsTheOneAlreadyAMember() {
        Org org = organization();
        String oldEmail = email();
        String newEmail = email();
        String userId = "user-" + UUID.randomUUID();
        orgEvents.publish(new MembershipCreated(org.id(), userId, oldEmail, List.of("Member"), MembershipSource.MANAGEMENT_API));
        db.awaitMember(org.id(), userId);
        orgEvents.publish(new UserUpdated(userId, newEmail, "Renamed", false));
        db.awaitCount("SELECT count(*) FROM member_view WHERE user_id = ? AND email = ?", 1, userId, newEmail);

        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(org.id(), newEmail, List.of("Member"), null)));
        assertEquals(InvitationStatus.Pending, invitations.create(MACHINE, request(org.id(), oldEmail, List.of("Member"), null)).status());

        // A later membership event still carrying the old address does not bring it back.
        Org other = organization();
        orgEvents.publish(new MembershipCreated(other.id(), userId, oldEmail, List.of("Member"), MembershipSource.MANAGEMENT_API));
        db.awaitMember(other.id(), userId);
        refusedWithoutChange(422, () -> invitations.create(MACHINE, request(other.id(), newEmail, List.of("Member"), null)));
    }

    /**
     * A membership remembered while the user's new address is being applied (their events travel on different keys,
     * so on different consumer threads): each used to miss the other's uncommitted row, and the member view kept the
     * old address for good (a removal then missed an invitation sent to the new one). Here the test holds the user
     * event's side open, as that handler runs: the address held, user_view changed, member_view (not there yet) not.
     */
    @Test
    void aMembershipRememberedWhileItsUsersAddressChangesEndsWithTheNewAddress() throws Exception {
        Org org = organization();
        String oldEmail = email();
        String newEmail = email();
        String userId = "user-" + UUID.randomUUID();
        try (java.sql.Connection userEvent = db.open()) {
            userEvent.setAutoCommit(false);
            for (String sql : List.of("SELECT pg_advisory_xact_lock(7313, hashtext(?))",
                    "INSERT INTO user_view (id, email) VALUES (?, '" + newEmail + "')",
                    "UPDATE member_view SET email = '" + newEmail + "' WHERE user_id = ?")) {
                try (java.sql.PreparedStatement statement = userEvent.prepareStatement(sql)) {
                    statement.setString(1, userId);
                    statement.execute();
                }
            }
            orgEvents.publish(new MembershipCreated(org.id(), userId, oldEmail, List.of("Member"),
                    MembershipSource.MANAGEMENT_API));
            await().atMost(Duration.ofSeconds(30)).until(() -> db.advisoryLockWaits() > 0);
            userEvent.commit();
        }
        db.awaitMember(org.id(), userId);
        assertEquals(1, db.count("SELECT count(*) FROM member_view WHERE user_id = ? AND email = ?", userId,
                newEmail), "the membership took the address committed before it");
    }

    /**
     * An organization's deletion revokes its pending invitations locking them in id order, as a grantor's revocation
     * does. In its scan's order (the newest first, by the organization's index) it held one invitation and waited on
     * another that a grantor's revocation held while waiting on the first: a deadlock. The test holds the invitation
     * with the lowest id, as a revocation would first, and once the deletion waits takes the others without waiting:
     * the deletion must hold none of them. The lowest id is neither the oldest nor the newest invitation, nor the
     * first or last invitee, so no order but the ids' starts with it.
     */
    @Test
    void anOrganizationsPendingInvitationsAreRevokedInIdOrder() throws Exception {
        Org org = organization();
        String prefix = "order-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Invitation> created = new ArrayList<>();
        Invitation lowest;
        do { // invitees in creation order, so every plausible scan starts at the oldest or the newest
            created.add(invitations.create(MACHINE, request(org.id(), prefix + (100 + created.size()) + "@example.com",
                    List.of("Member"), null)));
            lowest = created.stream().min(java.util.Comparator.comparing(i -> i.id().toString())).orElseThrow();
        } while (created.size() < 4 || lowest.equals(created.getFirst()) || lowest.equals(created.getLast()));
        try (java.sql.Connection revocation = db.open()) {
            revocation.setAutoCommit(false);
            lock(revocation, lowest.id(), "");
            java.util.concurrent.CompletableFuture<Integer> deletion = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> transactions.executeWrite(s -> rows.revokePendingOf(org.id(), Instant.now())
                            .size()));
            await().atMost(Duration.ofSeconds(30)).until(() -> deletion.isDone() || db.lockWaits() > 0);
            for (Invitation other : created) {
                if (!other.equals(lowest)) {
                    lock(revocation, other.id(), " NOWAIT"); // fails where the deletion holds it
                }
            }
            revocation.commit();
            assertEquals(created.size(), deletion.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    private static void lock(java.sql.Connection connection, UUID invitation, String how) throws Exception {
        try (java.sql.PreparedStatement s = connection.prepareStatement(
                "SELECT id FROM invitation WHERE id = ? FOR UPDATE" + how)) {
            s.setObject(1, invitation);
            s.executeQuery().close();
        }
    }

    @Test
    void deletingAPendingInvitationRevokesItFirst() {
        Org org = organization();
        Invitation pending = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        invitations.delete(MACHINE, pending.id());
        assertEquals(404, problem(() -> invitations.get(MACHINE, pending.id())).status().getCode());
        assertEquals(List.of("InvitationCreated", "InvitationMessageRequested", "InvitationRevoked"), db.eventTypesOf(pending.id().toString()));

        Invitation accepted = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        String u3 = db.awaitUser(orgEvents.newUser(accepted.invitee()), accepted.invitee());
        invitations.changeStatus(MACHINE, accepted.id(), new StatusChangeRequest("Accepted", u3));
        invitations.delete(MACHINE, accepted.id());
        assertFalse(db.eventTypesOf(accepted.id().toString()).contains("InvitationRevoked"));
        assertEquals(404, problem(() -> invitations.delete(MACHINE, accepted.id())).status().getCode());

        // Overdue, the sweep not there yet: it ended by expiring, and says so before it goes.
        Invitation overdue = invitations.create(MACHINE, expiring(org, clock.instant().plus(Duration.ofMinutes(1))));
        clock.advance(Duration.ofMinutes(2));
        invitations.delete(MACHINE, overdue.id());
        assertEquals(List.of("InvitationCreated", "InvitationMessageRequested", "InvitationExpired"),
                db.eventTypesOf(overdue.id().toString()));
    }

    // ---- accepting -------------------------------------------------------------------------------------------

    @Test
    void acceptingTakesTheSecretAndTheInviteesOwnAccount() {
        Org org = organization();
        String invitee = "Carol." + unique() + "@example.com";
        Invitation invitation = invitations.create(admin(org),
                request(org.id(), invitee, List.of("Member"), null));
        String token = tokenOf(invitation);

        refusedWithoutChange(403, () -> acceptance.accept(invitation.id(), token, new Invitee("mallory", "mallory@example.com", true)));
        refusedWithoutChange(403, () -> acceptance.accept(invitation.id(), token, new Invitee("no-email", null, true)));
        // Someone who signed up with the invitee's address without proving it (a forwarded or leaked link).
        refusedWithoutChange(403, () -> acceptance.accept(invitation.id(), token, new Invitee("mallory", invitee, false)));
        refusedWithoutChange(404, () -> acceptance.accept(invitation.id(), null, new Invitee("carol", invitee, true)));
        refusedWithoutChange(404, () -> acceptance.accept(invitation.id(), "", new Invitee("carol", invitee, true)));
        refusedWithoutChange(404, () -> acceptance.accept(invitation.id(), LinkSecrets.mint().token(), new Invitee("carol", invitee, true)));
        refusedWithoutChange(404, () -> acceptance.accept(UUID.randomUUID(), token, new Invitee("carol", invitee, true)));
        // Another organization's invitation of the same person: its secret opens only its own invitation.
        Org other = organization();
        Invitation elsewhere = invitations.create(admin(other), request(other.id(), invitee, List.of("Admin"), null));
        String otherSecret = tokenOf(elsewhere);
        refusedWithoutChange(404, () -> acceptance.accept(invitation.id(), otherSecret, new Invitee("carol", invitee, true)));
        refusedWithoutChange(404, () -> acceptance.landing(invitation.id(), otherSecret));
        refusedWithoutChange(404, () -> acceptance.landing(elsewhere.id(), token));

        Acceptance accepted = acceptance.accept(invitation.id(), token, new Invitee("carol", invitee.toUpperCase(), true));
        assertEquals("Accepted", accepted.landing().status());
        assertEquals("carol", accepted.landing().acceptedUserId());
        assertEquals("carol", accepted.userId());
        JsonNode event = db.onlyEvent(invitation.id().toString(), "InvitationAccepted");
        assertEquals("carol", event.path("acceptedUserId").asText());
        assertEquals(invitee, event.path("invitee").asText());
        assertEquals("[\"Member\"]", event.path("roles").toString());
        assertEquals(org.adminEmail(), event.path("inviter").path("email").asText());

        // Harmless again for the same user (the same answer, the same time of acceptance); the secret cannot make a
        // second member.
        assertEquals(accepted, acceptance.accept(invitation.id(), token, new Invitee("carol", invitee, true)));
        refusedWithoutChange(422, () -> acceptance.accept(invitation.id(), token, new Invitee("carol-2", invitee, true)));
        db.onlyEvent(invitation.id().toString(), "InvitationAccepted");
    }

    @Test
    void anInviterWhoseEmailArrivedAfterTheInvitationIsNamedWithItOnAcceptance() {
        Org org = organization();
        // An organization token is enough to invite; org-service's MembershipCreated may still be on its way.
        String inviterId = "user-" + UUID.randomUUID();
        String inviterEmail = email();
        Invitation invitation = invitations.create(Caller.member(org.id(), inviterId, ADMIN_SCOPES),
                request(org.id(), email(), List.of("Member"), null));
        JsonNode created = db.onlyEvent(invitation.id().toString(), "InvitationCreated").path("inviter");
        assertEquals(inviterId, created.path("userId").asText());
        assertTrue(created.path("email").isMissingNode() || created.path("email").isNull(), created.toString());

        orgEvents.publish(new MembershipCreated(org.id(), inviterId, inviterEmail, List.of("Admin"),
                MembershipSource.MANAGEMENT_API));
        db.awaitMember(org.id(), inviterId);
        acceptance.accept(invitation.id(), tokenOf(invitation), new Invitee("erin", invitation.invitee(), true));

        JsonNode inviter = db.onlyEvent(invitation.id().toString(), "InvitationAccepted").path("inviter");
        assertEquals(inviterId, inviter.path("userId").asText());
        assertEquals(inviterEmail, inviter.path("email").asText(), "the acceptance note can reach the inviter");
    }

    /**
     * The acceptance note goes to the inviter as a member now: to the address changed since, and to nobody once the
     * inviter left (it would tell a former member who joined, with which roles). A machine named the inviter here,
     * so the inviter's leaving does not revoke the invitation.
     */
    @Test
    void theAcceptanceNamesTheInvitersCurrentAddressAndNoneOnceTheInviterLeft() {
        Org org = organization();
        String changedEmail = email();
        Invitation changed = invitations.create(MACHINE, new CreateInvitationRequest(email(), org.id(), org.adminId(),
                List.of("Member"), null, null, null));
        orgEvents.publish(new UserUpdated(org.adminId(), changedEmail, "Renamed", false));
        db.awaitCount("SELECT count(*) FROM member_view WHERE user_id = ? AND email = ?", 1, org.adminId(), changedEmail);
        acceptance.accept(changed.id(), tokenOf(changed), new Invitee("fay", changed.invitee(), true));
        assertEquals(changedEmail, db.onlyEvent(changed.id().toString(), "InvitationAccepted")
                .path("inviter").path("email").asText());

        Invitation left = invitations.create(MACHINE, new CreateInvitationRequest(email(), org.id(), org.adminId(),
                List.of("Member"), null, null, null));
        orgEvents.publish(new MembershipRemoved(org.id(), org.adminId(), 2));
        db.awaitCount("SELECT count(*) FROM member_view WHERE organization_id = ? AND user_id = ?", 0, org.id(),
                org.adminId());
        acceptance.accept(left.id(), tokenOf(left), new Invitee("gil", left.invitee(), true));
        JsonNode inviter = db.onlyEvent(left.id().toString(), "InvitationAccepted").path("inviter");
        assertEquals(org.adminId(), inviter.path("userId").asText());
        assertTrue(inviter.path("email").isMissingNode() || inviter.path("email").isNull(), inviter.toString());
    }

    @Test
    void concurrentAcceptsOfOneInvitationGiveOneAcceptance() throws Exception {
        Org org = organization();
        Invitation invitation = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        String token = tokenOf(invitation);
        List<Object> outcomes = Concurrently.run(6,
                () -> acceptance.accept(invitation.id(), token, new Invitee("dave", invitation.invitee(), true)));
        outcomes.forEach(o -> assertEquals("Accepted", assertInstanceOf(Acceptance.class, o).landing().status()));
        db.onlyEvent(invitation.id().toString(), "InvitationAccepted");
    }

    // ---- organizations apart ---------------------------------------------------------------------------------

    @Test
    void anOrganizationTokenSeesNothingOfAnotherOrganization() {
        Org a = organization();
        Org b = organization();
        Caller memberOfB = admin(b);
        Invitation ofA = invitations.create(MACHINE, request(a.id(), email(), List.of("Member"), null));
        Invitation ofB = invitations.create(memberOfB, request(b.id(), email(), List.of("Member"), null));

        refusedWithoutChange(404, () -> invitations.get(memberOfB, ofA.id()));
        refusedWithoutChange(404, () -> invitations.delete(memberOfB, ofA.id()));
        refusedWithoutChange(404, () -> invitations.resend(memberOfB, ofA.id()));
        refusedWithoutChange(404, () -> invitations.changeStatus(memberOfB, ofA.id(), new StatusChangeRequest("Revoked", null)));
        refusedWithoutChange(403, () -> invitations.create(memberOfB, request(a.id(), email(), List.of("Member"), null)));
        refusedWithoutChange(403, () -> invitations.list(memberOfB, query(a.id(), null, null)));
        assertEquals(List.of(ofB.id().toString()), ids(invitations.list(memberOfB, query(null, null, null))));
        assertEquals(List.of(ofA.id().toString()), ids(invitations.list(MACHINE, query(a.id(), null, null))));
        assertEquals("Pending", invitations.get(MACHINE, ofA.id()).status());
    }

    @Test
    void listsFilterAndPageUnderAHardCap() {
        Org org = organization();
        String invitee = email();
        Invitation first = invitations.create(MACHINE, request(org.id(), invitee, List.of("Member"), null));
        invitations.changeStatus(MACHINE, first.id(), new StatusChangeRequest("Revoked", null));
        invitations.create(MACHINE, request(org.id(), invitee, List.of("Member"), null));
        invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));

        InvitationPage firstPage = invitations.list(MACHINE, new InvitationQuery(org.id(), null, null, null, 1, 2));
        assertEquals(3, firstPage.total());
        assertEquals(2, firstPage.items().size());
        InvitationPage secondPage = invitations.list(MACHINE, new InvitationQuery(org.id(), null, null, null, 2, 2));
        assertEquals(1, secondPage.items().size());
        assertEquals(2, invitations.list(MACHINE, query(org.id(), invitee.toUpperCase(), null)).total());
        assertEquals(List.of(first.id().toString()), ids(invitations.list(MACHINE, query(org.id(), invitee, "Revoked"))));
        assertEquals(2, invitations.list(MACHINE, query(org.id(), null, "Pending")).total());

        assertEquals("page_size", problem(() -> invitations.list(MACHINE, new InvitationQuery(org.id(), null, null, null, 1, 101))).field());
        assertEquals("page_size", problem(() -> invitations.list(MACHINE, new InvitationQuery(org.id(), null, null, null, 1, 0))).field());
        assertEquals("page", problem(() -> invitations.list(MACHINE, new InvitationQuery(org.id(), null, null, null, 0, 10))).field());
        assertEquals("status", problem(() -> invitations.list(MACHINE, query(org.id(), null, "pending"))).field());
    }

    @Test
    void theRelayPublishesTheEventsKeyedByOrganization() {
        Org org = organization();
        Invitation invitation = invitations.create(MACHINE, request(org.id(), email(), List.of("Member"), null));
        EventSchemaValidator schemas = new EventSchemaValidator();
        List<ConsumerRecord<String, byte[]>> published = await().atMost(Duration.ofSeconds(30)).until(
                () -> TopicReader.readAll(TestInfrastructure.kafka().bootstrapServers(), Topics.INVITATION_EVENTS).stream()
                        .filter(r -> org.id().equals(r.key())).toList(),
                records -> records.size() == 2);
        String secret = tokenOf(invitation);
        for (ConsumerRecord<String, byte[]> record : published) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertEquals(List.of(), schemas.validate(record.topic(), value));
            assertTrue(value.contains(invitation.id().toString()));
            assertFalse(value.contains(secret), "the link's secret travels only sealed: " + value);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The organization's Admin, with an Admin's organization token. */
    private static Caller admin(Org org) {
        return Caller.member(org.id(), org.adminId(), ADMIN_SCOPES);
    }

    private Org organization() {
        return db.awaitKnown(orgEvents.newOrganization("Acme " + NAMES.incrementAndGet()));
    }

    private String tokenOf(Invitation invitation) {
        return db.latestLinkToken(invitation.id().toString());
    }

    private static CreateInvitationRequest request(String organizationId, String invitee, List<String> roleNames,
                                                   List<String> roleIds) {
        return new CreateInvitationRequest(invitee, organizationId, null, roleNames, roleIds, null, null);
    }

    private static CreateInvitationRequest expiring(Org org, Instant expiresAt) {
        return new CreateInvitationRequest(email(), org.id(), null, List.of("Member"), null,
                io.micronaut.json.tree.JsonNode.createStringNode(expiresAt.toString()), null);
    }

    private static InvitationQuery query(String organizationId, String invitee, String status) {
        return new InvitationQuery(organizationId, invitee, null, status, null, null);
    }

    private static List<String> ids(InvitationPage page) {
        return page.items().stream().map(InvitationResponse::id).toList();
    }

    private static String email() {
        return "invitee-" + unique() + "@example.com";
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Refused with this status, and nothing written: no invitation changed, no event recorded. */
    private void refusedWithoutChange(int status, Executable action) {
        String before = db.fingerprint();
        assertEquals(status, problem(action).status().getCode());
        assertEquals(before, db.fingerprint(), "a refused request changes nothing and records no event");
    }

    private static ProblemException problem(Executable action) {
        return assertThrows(ProblemException.class, action);
    }
}
