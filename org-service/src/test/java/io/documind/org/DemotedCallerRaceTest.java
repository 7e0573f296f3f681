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
        String deleteMember = scopeId(Scopes.DELETE_MEMBER);
        Holder holder = holderOfNewRole("Remover", List.of(deleteMember));
        Account member = signUp();
        addMember(holder.org(), member, holder.roleName());

        UUID scope = UUID.fromString(deleteMember);
        assertEquals(401, raceAgainst(() -> template.removeScopeFromRole(holder.role(), scope), holder.token(),
                HttpRequest.DELETE("/organizations/" + holder.org() + "/members/" + member.id())));
        assertTrue(myOrganizations(member).contains(holder.org()), "still a member");
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
        created("/api/organization-roles", Map.of("name", "Again " + suffix, "organizationScopeIds", List.of(taken)),
                management);
        Holder holder = holderOfNewRole("Holder", List.of(scopeId(Scopes.MANAGE_MEMBER), taken));

        assertEquals(401, raceAgainst(() -> template.removeScopeFromRole(holder.role(), UUID.fromString(taken)),
                holder.token(), HttpRequest.PUT("/organizations/" + holder.org() + "/members/" + holder.caller().id()
                        + "/roles", Map.of("organizationRoleNames", List.of(holder.roleName(), "Again " + suffix)))));
        JsonNode roles = managementRead("/api/organizations/" + holder.org() + "/users/" + holder.caller().id()
                + "/roles");
        assertEquals(1, roles.size(), roles.toString());
    }

    /**
     * The organization deleted by a holder of a role that is being deleted: the deletion's cascade waits for the
     * role's (it holds the role's grants), and must not then go ahead with the authority the role gave.
     */
    @Test
    void deletingTheOrganizationWhileTheCallersRoleIsDeletedIsRefused() throws Exception {
        Holder holder = holderOfNewRole("Closer", List.of(scopeId(Scopes.DELETE_ORGANIZATION)));

        assertEquals(401, raceAgainst(() -> template.deleteRole(holder.role()), holder.token(),
                HttpRequest.DELETE("/organizations/" + holder.org())));
        assertEquals(holder.org(), managementRead("/api/organizations/" + holder.org()).path("id").asText());
    }

    /** An organization, a member of it (not its creator) holding a new role with these scopes, and its token. */
    private record Holder(String org, Account caller, String token, UUID role, String roleName) {
    }

    private Holder holderOfNewRole(String name, List<String> scopeIds) {
        String roleName = name + " " + UUID.randomUUID().toString().substring(0, 8);
        String role = created("/api/organization-roles", Map.of("name", roleName, "organizationScopeIds", scopeIds),
                managementToken());
        String org = createOrganization(signUp(), name);
        Account caller = signUp();
        addMember(org, caller, roleName);
        return new Holder(org, caller, organizationToken(caller, org), UUID.fromString(role), roleName);
    }

    /** The change held uncommitted while the request waits behind it ({@link LockRace}); what the request answered. */
    private int raceAgainst(Runnable change, String token, MutableHttpRequest<?> request) throws Exception {
        return LockRace.run(transactions, c -> {
            change.run();
            return null;
        }, () -> status(request.bearerAuth(token))).raced();
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
        return raceAgainst(() -> memberships.setRoles(UUID.fromString(cast.org()), cast.demoted().id(),
                template.resolveRoles(null, List.of("Collaborator")), true), cast.token(), request.apply(cast));
    }
}
