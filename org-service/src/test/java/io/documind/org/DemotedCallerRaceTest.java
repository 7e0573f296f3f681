package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.contracts.security.Scopes;
import io.documind.org.membership.MembershipService;
import io.documind.org.template.TemplateService;
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
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Admin demoted while its request waits for the organization's lock: the request was checked against its token
 * before the demotion committed, and must not then act with the scopes the token lost (DESIGN §4: a token below the
 * newest authority version is refused). The demotion holds the lock, with the member's raised version, until it
 * commits ({@link LockRace}); the request is then refused, 401, and changes nothing.
 */
@MicronautTest(transactional = false)
class DemotedCallerRaceTest extends OrgServiceTest {

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    MembershipService memberships;

    @Inject
    TemplateService template;

    /** The organization, its Admin about to be demoted (with an Admin token from before), and a Member. */
    private record Cast(String org, Account demoted, String token, Account member) {
    }

    @Test
    void removingAMemberWaitsForTheDemotionAndIsRefused() throws Exception {
        Cast cast = cast("Removal");
        assertEquals(401, raceAgainstDemotion(cast, c -> HttpRequest.DELETE(
                "/organizations/" + c.org() + "/members/" + c.member().id())));
        assertTrue(myOrganizations(cast.member()).contains(cast.org()), "still a member");
    }

    @Test
    void changingAMembersRolesWaitsForTheDemotionAndIsRefused() throws Exception {
        Cast cast = cast("Roles");
        assertEquals(401, raceAgainstDemotion(cast, c -> HttpRequest.PUT(
                "/organizations/" + c.org() + "/members/" + c.member().id() + "/roles",
                Map.of("organizationRoleNames", List.of("Admin")))));
        JsonNode roles = managementRead("/api/organizations/" + cast.org() + "/users/" + cast.member().id()
                + "/roles");
        assertEquals(1, roles.size(), roles.toString());
        assertEquals("Member", roles.path(0).path("name").asText(), roles.toString());
    }

    @Test
    void renamingTheOrganizationWaitsForTheDemotionAndIsRefused() throws Exception {
        Cast cast = cast("Renamed");
        assertEquals(401, raceAgainstDemotion(cast, c -> HttpRequest.PATCH("/organizations/" + c.org(),
                Map.of("name", "Taken over"))));
        assertEquals("Renamed", managementRead("/api/organizations/" + cast.org()).path("name").asText());
    }

    @Test
    void deletingTheOrganizationWaitsForTheDemotionAndIsRefused() throws Exception {
        Cast cast = cast("Deleted");
        assertEquals(401, raceAgainstDemotion(cast, c -> HttpRequest.DELETE("/organizations/" + c.org())));
        assertEquals(cast.org(), managementRead("/api/organizations/" + cast.org()).path("id").asText());
    }

    /**
     * A template edit taking delete:member from a role the caller and the member both hold, not committed yet: it
     * holds both holders' versions, so the removal waits for it after its first checks, and must not then act.
     */
    @Test
    void removingAMemberWhileTheRoleLosesTheScopeIsRefused() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String deleteMember = scopeId(Scopes.DELETE_MEMBER);
        String role = created("/api/organization-roles", Map.of("name", "Remover " + suffix,
                "organizationScopeIds", List.of(deleteMember)), management);
        Account admin = signUp();
        String org = createOrganization(admin, "Edited");
        Account caller = signUp();
        addMember(org, caller, "Remover " + suffix);
        Account member = signUp();
        addMember(org, member, "Remover " + suffix);
        String token = organizationToken(caller, org);

        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions, c -> {
            template.removeScopeFromRole(UUID.fromString(role), UUID.fromString(deleteMember));
            return null;
        }, () -> status(HttpRequest.DELETE("/organizations/" + org + "/members/" + member.id()).bearerAuth(token)));
        assertEquals(401, race.raced());
        assertTrue(myOrganizations(member).contains(org), "still a member");
    }

    /**
     * The caller changing its own roles while a template edit takes a scope from the role it holds: the change waits
     * for the edit, and must not then grant itself, through another role, the scope the edit took.
     */
    @Test
    void changingOnesOwnRolesWhileTheRoleLosesAScopeIsRefused() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String taken = created("/api/organization-scopes", Map.of("name", "taken:" + suffix), management);
        String held = created("/api/organization-roles", Map.of("name", "Holder " + suffix,
                "organizationScopeIds", List.of(scopeId(Scopes.MANAGE_MEMBER), taken)), management);
        created("/api/organization-roles", Map.of("name", "Again " + suffix, "organizationScopeIds", List.of(taken)),
                management);
        Account admin = signUp();
        String org = createOrganization(admin, "Own roles");
        Account caller = signUp();
        addMember(org, caller, "Holder " + suffix);
        String token = organizationToken(caller, org);

        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions, c -> {
            template.removeScopeFromRole(UUID.fromString(held), UUID.fromString(taken));
            return null;
        }, () -> status(HttpRequest.PUT("/organizations/" + org + "/members/" + caller.id() + "/roles",
                Map.of("organizationRoleNames", List.of("Holder " + suffix, "Again " + suffix))).bearerAuth(token)));
        assertEquals(401, race.raced());
        JsonNode roles = managementRead("/api/organizations/" + org + "/users/" + caller.id() + "/roles");
        assertEquals(1, roles.size(), roles.toString());
    }

    /**
     * The organization deleted by a holder of a role that is being deleted: the deletion's cascade waits for the
     * role's (it holds the role's grants), and must not then go ahead with the authority the role gave.
     */
    @Test
    void deletingTheOrganizationWhileTheCallersRoleIsDeletedIsRefused() throws Exception {
        String management = managementToken();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String role = created("/api/organization-roles", Map.of("name", "Closer " + suffix,
                "organizationScopeIds", List.of(scopeId(Scopes.DELETE_ORGANIZATION))), management);
        Account admin = signUp();
        String org = createOrganization(admin, "Closed");
        Account caller = signUp();
        addMember(org, caller, "Closer " + suffix);
        String token = organizationToken(caller, org);

        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions, c -> {
            template.deleteRole(UUID.fromString(role));
            return null;
        }, () -> status(HttpRequest.DELETE("/organizations/" + org).bearerAuth(token)));
        assertEquals(401, race.raced());
        assertEquals(org, managementRead("/api/organizations/" + org).path("id").asText());
    }

    private String scopeId(String name) {
        return template.scopes().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().id().toString();
    }

    private Cast cast(String name) {
        Account demoted = signUp();
        String org = createOrganization(demoted, name);
        addMember(org, signUp(), "Admin"); // so the demoted one is not the last Admin
        Account member = signUp();
        addMember(org, member, "Member");
        return new Cast(org, demoted, organizationToken(demoted, org), member);
    }

    /** The demotion to Collaborator held uncommitted while the demoted Admin's request waits behind it. */
    private int raceAgainstDemotion(Cast cast, Function<Cast, MutableHttpRequest<?>> request) throws Exception {
        LockRace.Outcome<Void, Integer> race = LockRace.run(transactions, c -> {
            memberships.setRoles(UUID.fromString(cast.org()), cast.demoted().id(),
                    template.resolveRoles(null, List.of("Collaborator")), true);
            return null;
        }, () -> status(request.apply(cast).bearerAuth(cast.token())));
        return race.raced();
    }
}
