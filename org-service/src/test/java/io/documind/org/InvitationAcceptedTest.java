package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.Topics;
import io.documind.contracts.events.Actor;
import io.documind.contracts.events.InvitationAccepted;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** InvitationAccepted from invitation-service's topic becomes a membership with the invitation's roles, once. */
@MicronautTest(transactional = false)
class InvitationAcceptedTest extends OrgServiceTest {

    @Inject
    EnvelopeCodec codec;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void anAcceptedInvitationMakesAMemberOnceAndAddsRolesToAnExistingOne() throws Exception {
        Account admin = signUp();
        Account invitee = signUp();
        String org = createOrganization(admin, "Inviting");
        try (EventFeed events = new EventFeed(codec)) {
            byte[] accepted = events.envelope(new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(),
                    invitee.email(), List.of("Member"), new Actor(admin.id(), admin.email()), false));
            events.publishRaw(Topics.INVITATION_EVENTS, org, accepted);
            events.publishRaw(Topics.INVITATION_EVENTS, org, accepted);
            events.publish(new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(), invitee.email(),
                    List.of("Collaborator"), null, false));
        }
        String token = organizationToken(admin, org);
        JsonNode member = await().atMost(Duration.ofSeconds(30)).until(() -> memberOf(token, org, invitee.id()),
                m -> m != null && m.path("organizationRoles").size() == 2);
        assertEquals(List.of("Collaborator", "Member"),
                member.path("organizationRoles").findValuesAsText("name"));
        List<String> types = await().atMost(Duration.ofSeconds(30)).until(() -> types(eventsOf(org)),
                t -> t.contains("MemberRolesChanged"));
        assertEquals(2, types.stream().filter("MembershipCreated"::equals).count(), "creator and invitee, no duplicate");
        assertEquals("INVITATION", eventsOf(org).stream().filter(e -> e.path("type").asText().equals("MembershipCreated"))
                .reduce((a, b) -> b).orElseThrow().path("data").path("source").asText());
    }

    /**
     * The grant is weighed against its grantor's authority when it is applied, not only when invited: invitation-service
     * revokes what a grantor can no longer grant once it hears of the change, and an acceptance before that must not
     * make a removed Admin's invitee an Admin. A grantor who holds the roles grants them; one who holds fewer, or
     * is not (or no longer) in the organization, grants nothing.
     */
    @Test
    void anAcceptanceGrantsOnlyWhatItsGrantorStillHolds() throws Exception {
        Account admin = signUp();
        Account member = signUp();
        Account stranger = signUp();
        Account asAdminByMember = signUp();
        Account byStranger = signUp();
        Account asMemberByMember = signUp();
        Account asAdminByAdmin = signUp();
        Account removed = signUp();
        Account suspended = signUp();
        Account byRemoved = signUp();
        Account bySuspended = signUp();
        String org = createOrganization(admin, "Grantors");
        String token = organizationToken(admin, org); // the creator is Admin by now
        removedAndSuspendedAdmins(org, removed, suspended);
        InvitationAccepted refusedAdmin = accepted(org, asAdminByMember, "Admin", member.id());
        InvitationAccepted refusedStranger = accepted(org, byStranger, "Collaborator", stranger.id());
        InvitationAccepted refusedRemoved = accepted(org, byRemoved, "Collaborator", removed.id());
        InvitationAccepted refusedSuspended = accepted(org, bySuspended, "Collaborator", suspended.id());
        try (EventFeed events = new EventFeed(codec)) {
            events.publish(accepted(org, member, "Member", null));
            events.publish(refusedAdmin);
            events.publish(refusedStranger);
            events.publish(refusedRemoved);
            events.publish(refusedSuspended);
            events.publish(accepted(org, asMemberByMember, "Member", member.id()));
            events.publish(accepted(org, asAdminByAdmin, "Admin", admin.id()));
        }
        // One organization's events are applied in order: once the last one made its member, the others were weighed.
        await().atMost(Duration.ofSeconds(30)).until(() -> memberOf(token, org, asAdminByAdmin.id()), m -> m != null);
        assertEquals(List.of("Member"), memberOf(token, org, asMemberByMember.id()).path("organizationRoles")
                .findValuesAsText("name"));
        assertNull(memberOf(token, org, asAdminByMember.id()), "a Member cannot make an Admin");
        assertNull(memberOf(token, org, byStranger.id()), "a stranger grants nothing");
        assertNull(memberOf(token, org, byRemoved.id()), "a removed Admin grants nothing");
        assertNull(memberOf(token, org, bySuspended.id()), "a suspended Admin grants nothing");
        // Each refusal is announced, naming the invitation, so invitation-service can end the invitee's wait.
        List<String> refusals = eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals("InvitationGrantRefused"))
                .map(e -> e.path("data").path("invitationId").asText() + " " + e.path("data").path("acceptedUserId")
                        .asText() + " " + e.path("data").path("grantorId").asText() + " "
                        + e.path("data").path("invitee").asText() + " " + e.path("data").path("roles"))
                .sorted().toList();
        assertEquals(java.util.stream.Stream.of(refusedAdmin, refusedStranger, refusedRemoved, refusedSuspended)
                .map(a -> a.invitationId() + " " + a.acceptedUserId() + " " + a.grantorId() + " " + a.invitee() + " "
                        + "[\"" + String.join("\",\"", a.roles()) + "\"]").sorted().toList(), refusals);
    }

    /**
     * A refusal usually follows the inviter's own removal or suspension, which invitation-service had not heard of:
     * the refusal names the inviter (for its "not granted" note) only while org-service still has it as a member,
     * at its current address.
     */
    @Test
    void aRefusalNamesTheInviterOnlyWhileItIsStillAMember() {
        Account admin = signUp();
        Account removed = signUp();
        Account suspended = signUp();
        Account staying = signUp();
        Account invitee = signUp();
        String org = createOrganization(admin, "Who to tell");
        addMember(org, staying, "Collaborator");
        removedAndSuspendedAdmins(org, removed, suspended);
        // Each inviter as invitation-service's view had it; the grantor (removed) no longer holds Admin.
        InvitationAccepted byRemoved = invitedBy(org, invitee, new Actor(removed.id(), removed.email()), removed.id());
        InvitationAccepted bySuspended = invitedBy(org, invitee, new Actor(suspended.id(), suspended.email()),
                removed.id());
        InvitationAccepted byStaying = invitedBy(org, invitee, new Actor(staying.id(), "old-" + staying.email()),
                removed.id());
        try (EventFeed events = new EventFeed(codec)) {
            events.publish(byRemoved);
            events.publish(bySuspended);
            events.publish(byStaying);
        }
        java.util.Map<String, JsonNode> refusals = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org)
                .stream().filter(e -> e.path("type").asText().equals("InvitationGrantRefused"))
                .collect(java.util.stream.Collectors.toMap(e -> e.path("data").path("invitationId").asText(),
                        e -> e.path("data"))), r -> r.size() == 3);
        assertEquals("", refusals.get(byRemoved.invitationId()).path("inviter").path("email").asText(),
                "a removed inviter is not told");
        assertEquals("", refusals.get(bySuspended.invitationId()).path("inviter").path("email").asText(),
                "nor a suspended one");
        assertEquals(staying.email(), refusals.get(byStaying.invitationId()).path("inviter").path("email").asText(),
                "a member still there is told, at its current address");
        assertEquals(invitee.email(), refusals.get(byStaying.invitationId()).path("invitee").asText());
    }

    /**
     * invitation-service ends an invitation to a member the organization removes or demotes once it hears of it; an
     * acceptance it made before then names the newest change of the invitee it had applied. org-service refuses one
     * when it has announced a newer change, so a member removed a moment before does not come straight back, and
     * grants the others: one that had heard everything, one from an invitation-service that names nothing, one of a
     * never-member, and one whose version was raised since with no event (judged by what was announced).
     */
    @Test
    void anAcceptanceMadeBeforeInvitationServiceHeardTheInviteeWasRemovedOrDemotedMakesNoMember() {
        Account admin = signUp();
        Account removed = signUp();
        Account demoted = signUp();
        Account heard = signUp();
        Account legacy = signUp();
        Account stranger = signUp();
        Account raisedQuietly = signUp();
        String org = createOrganization(admin, "Changed invitees");
        String management = managementToken();
        for (Account a : List.of(removed, heard, legacy, raisedQuietly)) {
            addMember(org, a, "Collaborator");
            assertEquals(204, status(HttpRequest.DELETE("/api/organizations/" + org + "/users/" + a.id())
                    .bearerAuth(management)));
        }
        addMember(org, demoted, "Admin");
        long demotedAdded = announced(org, "MemberRolesChanged", demoted); // before the demotion is announced
        assertEquals(204, status(HttpRequest.PUT("/api/organizations/" + org + "/users/" + demoted.id() + "/roles",
                java.util.Map.of("organizationRoleNames", List.of("Collaborator"))).bearerAuth(management)));
        long removedAdded = announced(org, "MemberRolesChanged", removed);
        long heardRemoved = announced(org, "MembershipRemoved", heard);
        long quietRemoved = announced(org, "MembershipRemoved", raisedQuietly);
        // A raise with no event, as an announcement whose member was removed meanwhile makes.
        transactions.executeWrite(s -> Statements.update(s.getConnection(), """
                UPDATE organization_authority_version SET version = version + 1
                WHERE subject = ? AND organization_id = ?""", raisedQuietly.id(), UUID.fromString(org)));
        // Each refusal names the change it was not decided on, as recorded with that change's event.
        java.util.function.Function<Account, String> announcedNow = a -> transactions.executeRead(s ->
                Statements.strings(s.getConnection(), """
                        SELECT CAST(announced AS text) FROM organization_authority_version
                        WHERE subject = ? AND organization_id = ?""", a.id(), UUID.fromString(org)).getFirst());
        String removedAt = announcedNow.apply(removed);
        String demotedAt = announcedNow.apply(demoted);
        InvitationAccepted beforeRemoval = seen(org, removed, "Member", removedAdded);
        InvitationAccepted beforeDemotion = seen(org, demoted, "Admin", demotedAdded);
        try (EventFeed events = new EventFeed(codec)) {
            events.publish(beforeRemoval);
            events.publish(beforeDemotion);
            events.publish(seen(org, heard, "Member", heardRemoved));
            events.publish(seen(org, legacy, "Member", null));
            events.publish(seen(org, raisedQuietly, "Member", quietRemoved));
            events.publish(seen(org, stranger, "Member", 0L));
        }
        String token = organizationToken(admin, org);
        // One organization's events are applied in order: once the last one made its member, the others were weighed.
        await().atMost(Duration.ofSeconds(30)).until(() -> memberOf(token, org, stranger.id()), m -> m != null);
        assertNull(memberOf(token, org, removed.id()), "removed before the acceptance, unheard: not back");
        assertEquals(List.of("Collaborator"), memberOf(token, org, demoted.id()).path("organizationRoles")
                .findValuesAsText("name"), "demoted before the acceptance, unheard: not Admin again");
        for (Account granted : List.of(heard, legacy, raisedQuietly)) {
            assertEquals(List.of("Member"), memberOf(token, org, granted.id()).path("organizationRoles")
                    .findValuesAsText("name"), granted.email());
        }
        List<String> refusals = eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals("InvitationAcceptanceRefused"))
                .map(e -> e.path("data").path("invitationId").asText() + " " + e.path("data").path("acceptedUserId")
                        .asText() + " " + e.path("data").path("invitee").asText() + " " + e.path("data").path("roles")
                        + " " + e.path("data").path("announcedVersion").asText())
                .sorted().toList();
        assertEquals(java.util.stream.Stream.of(beforeRemoval.invitationId() + " " + removed.id() + " "
                                + removed.email() + " [\"Member\"] " + removedAt,
                        beforeDemotion.invitationId() + " " + demoted.id() + " " + demoted.email() + " [\"Admin\"] "
                                + demotedAt).sorted().toList(), refusals);
        assertEquals(List.of(removedAdded + 1, demotedAdded + 1), List.of(Long.parseLong(removedAt),
                Long.parseLong(demotedAt)), "the removal's and the demotion's versions");
    }

    /** The version of the member's newest event of that type on the topic, as invitation-service hears it. */
    private static long announced(String org, String type, Account member) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals(type))
                .filter(e -> e.path("data").path("userId").asText().equals(member.id()))
                .mapToLong(e -> e.path("data").path("authorityVersion").asLong()).max(), v -> v.isPresent())
                .getAsLong();
    }

    /** Accepted by a management token, by an invitation-service that had applied {@code inviteeVersion}. */
    private static InvitationAccepted seen(String org, Account invitee, String role, Long inviteeVersion) {
        return new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(), invitee.email(), List.of(role),
                null, false, null, null, inviteeVersion);
    }

    /** Two Admins who invited and then lost their authority before the acceptances were applied. */
    private void removedAndSuspendedAdmins(String org, Account removed, Account suspended) {
        addMember(org, removed, "Admin");
        addMember(org, suspended, "Admin");
        String management = managementToken();
        assertEquals(204, status(HttpRequest.DELETE("/api/organizations/" + org + "/users/" + removed.id())
                .bearerAuth(management)));
        assertEquals(200, status(HttpRequest.PATCH("/api/users/" + suspended.id() + "/is-suspended",
                java.util.Map.of("isSuspended", true)).bearerAuth(management)));
    }

    private static InvitationAccepted invitedBy(String org, Account invitee, Actor inviter, String grantorId) {
        return new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(), invitee.email(), List.of("Admin"),
                inviter, false, null, grantorId);
    }

    private static InvitationAccepted accepted(String org, Account invitee, String role, String grantorId) {
        return new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(), invitee.email(), List.of(role),
                null, false, null, grantorId);
    }

    @Test
    void theNewMembersEventNamesTheRolesGrantedNotTheOnesAskedFor() throws Exception {
        Account admin = signUp();
        Account invitee = signUp();
        String org = createOrganization(admin, "Retired role");
        try (EventFeed events = new EventFeed(codec)) {
            events.publish(new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(), invitee.email(),
                    List.of("Member", "No longer in the template"), null, false));
        }
        JsonNode created = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org).stream()
                .filter(e -> e.path("type").asText().equals("MembershipCreated"))
                .filter(e -> e.path("data").path("userId").asText().equals(invitee.id()))
                .findFirst().orElse(null), e -> e != null);
        assertEquals(List.of("Member"), List.of(JSON.treeToValue(created.path("data").path("roles"), String[].class)));
    }

    @Test
    void aRoleRenamedSinceTheInvitationIsGrantedByItsIdAndARoleThatTookItsOldNameIsNot() throws Exception {
        Account admin = signUp();
        Account invitee = signUp();
        Account older = signUp();
        String org = createOrganization(admin, "Renamed role");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String invited = role("Treasurer-" + tag);
        // After the invitation: its role renamed, and a new role (with more scopes) named as it was.
        http.toBlocking().exchange(HttpRequest.PATCH("/api/organization-roles/" + invited,
                java.util.Map.of("name", "Finance-" + tag)).bearerAuth(managementToken()));
        String impostor = role("Treasurer-" + tag);
        try (EventFeed events = new EventFeed(codec)) {
            events.publish(new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(), invitee.email(),
                    List.of("Treasurer-" + tag, "Member"), null, false,
                    java.util.Arrays.asList(invited, null))); // Member's id not known: by name
            // An acceptance from an invitation-service before roleIds: by name, as before.
            events.publish(new InvitationAccepted(UUID.randomUUID().toString(), org, older.id(), older.email(),
                    List.of("Treasurer-" + tag), null, false));
        }
        String token = organizationToken(admin, org);
        JsonNode member = await().atMost(Duration.ofSeconds(30)).until(() -> memberOf(token, org, invitee.id()),
                m -> m != null);
        assertEquals(List.of("Finance-" + tag, "Member"),
                member.path("organizationRoles").findValuesAsText("name").stream().sorted().toList());
        assertEquals(java.util.Set.of(invited, "00000000-0000-4000-8000-000000000002"),
                java.util.Set.copyOf(member.path("organizationRoles").findValuesAsText("id")));
        JsonNode byName = await().atMost(Duration.ofSeconds(30)).until(() -> memberOf(token, org, older.id()),
                m -> m != null);
        assertEquals(List.of(impostor), byName.path("organizationRoles").findValuesAsText("id"));
    }

    private String role(String name) {
        return json(http.toBlocking().retrieve(HttpRequest.POST("/api/organization-roles",
                java.util.Map.of("name", name)).bearerAuth(managementToken()))).path("id").asText();
    }

    @Test
    void anInvitationWithoutRolesMakesAMemberWithoutRoles() throws Exception {
        Account admin = signUp();
        Account invitee = signUp();
        String org = createOrganization(admin, "No role");
        try (EventFeed events = new EventFeed(codec)) {
            events.publish(new InvitationAccepted(UUID.randomUUID().toString(), org, invitee.id(), invitee.email(),
                    List.of(), null, false));
        }
        String token = organizationToken(admin, org);
        JsonNode member = await().atMost(Duration.ofSeconds(30)).until(() -> memberOf(token, org, invitee.id()),
                m -> m != null);
        assertEquals(0, member.path("organizationRoles").size());
    }

    /**
     * An organization or a user deleted before its acceptance arrives: the event is applied as nothing to do (its id
     * recorded, no retries, no dead letter) and the events behind it on the partition go on.
     */
    @Test
    void anAcceptanceForAnOrganizationOrUserThatIsGoneMakesNoMemberAndHoldsNothingUp() throws Exception {
        Account admin = signUp();
        Account invitee = signUp();
        String org = createOrganization(admin, "Gone");
        String goneOrganization = UUID.randomUUID().toString();
        UUID toGoneOrganization = UUID.randomUUID();
        UUID ofGoneUser = UUID.randomUUID();
        try (EventFeed events = new EventFeed(codec)) {
            // One key, so one partition, in this order.
            events.publishRaw(Topics.INVITATION_EVENTS, org, events.envelope(new InvitationAccepted(
                    UUID.randomUUID().toString(), goneOrganization, invitee.id(), invitee.email(), List.of("Member"),
                    null, false), toGoneOrganization));
            events.publishRaw(Topics.INVITATION_EVENTS, org, events.envelope(new InvitationAccepted(
                    UUID.randomUUID().toString(), org, "user-that-is-gone", "gone@example.com", List.of("Member"),
                    null, false), ofGoneUser));
            events.publishRaw(Topics.INVITATION_EVENTS, org, events.envelope(new InvitationAccepted(
                    UUID.randomUUID().toString(), org, invitee.id(), invitee.email(), List.of("Member"), null, false)));
        }
        String token = organizationToken(admin, org);
        await().atMost(Duration.ofSeconds(30)).until(() -> memberOf(token, org, invitee.id()), m -> m != null);
        assertNull(memberOf(token, org, "user-that-is-gone"));
        assertEquals(List.of("0", "2"), transactions.executeRead(s -> List.of(
                Statements.strings(s.getConnection(), "SELECT count(*) FROM membership WHERE organization_id = ?",
                        UUID.fromString(goneOrganization)).getFirst(),
                Statements.strings(s.getConnection(), "SELECT count(*) FROM processed_event WHERE event_id IN (?, ?)",
                        toGoneOrganization, ofGoneUser).getFirst())));
    }

    private JsonNode memberOf(String token, String org, String userId) {
        for (JsonNode m : json(http.toBlocking().retrieve(HttpRequest.GET("/organizations/" + org + "/members").bearerAuth(token)))) {
            if (m.path("id").asText().equals(userId)) {
                return m;
            }
        }
        return null;
    }
}
