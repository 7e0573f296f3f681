package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: an organization token grants only roles whose scopes it holds; the seeded Admin role is found by its
 * fixed id, so renaming it keeps the creator and last-Admin rules, and it cannot be deleted. A class of its own:
 * it renames the Admin role of its database for a while.
 */
@MicronautTest(transactional = false)
class GrantsAndAdminRoleTest extends OrgServiceTest {

    private static final String ADMIN_ROLE = "/api/organization-roles/00000000-0000-4000-8000-000000000001";

    @Test
    void anOrganizationTokenSetsOnlyRolesWhoseScopesItHolds() {
        Account admin = signUp();
        Account member = signUp();
        String org = createOrganization(admin, "Granting");
        addMember(org, member, "Collaborator");
        String roles = "/organizations/" + org + "/members/" + member.id() + "/roles";

        // An Admin who asked for a token holding manage:member alone holds none of the roles' other scopes.
        String narrow = organizationToken(admin, org, "manage:member");
        HttpClientResponseException refused = failure(HttpRequest.PUT(roles,
                Map.of("organizationRoleNames", List.of("Admin"))).bearerAuth(narrow));
        assertEquals(403, refused.getStatus().getCode());
        assertEquals("application/problem+json", refused.getResponse().getContentType().orElseThrow().toString());
        assertTrue(body(refused).contains("role Admin"), body(refused));
        assertEquals(403, status(HttpRequest.PUT(roles, Map.of("organizationRoleNames", List.of("Collaborator")))
                .bearerAuth(narrow)));
        assertEquals(List.of("Collaborator"), rolesOf(org, member));

        String full = organizationToken(admin, org);
        assertEquals(200, status(HttpRequest.PUT(roles, Map.of("organizationRoleNames", List.of("Admin"))).bearerAuth(full)));
        assertEquals(List.of("Admin"), rolesOf(org, member));
    }

    /**
     * A custom role carrying manage:member and delete:member but not the Admin's other scopes: its holder may change
     * and remove members it outranks, never an Admin.
     */
    @Test
    void aNarrowerRoleThatManagesMembersCannotDemoteOrRemoveAnAdmin() {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 6);
        JsonNode adminScopes = json(http.toBlocking().retrieve(m(HttpRequest.GET(ADMIN_ROLE + "/scopes"))));
        List<String> moderatorScopes = new java.util.ArrayList<>();
        adminScopes.forEach(scope -> {
            if (List.of("manage:member", "delete:member", "read:documents").contains(scope.path("name").asText())) {
                moderatorScopes.add(scope.path("id").asText());
            }
        });
        assertEquals(3, moderatorScopes.size(), adminScopes.toString());
        String moderatorRole = "Moderator-" + tag;
        String roleId = json(http.toBlocking().retrieve(m(HttpRequest.POST("/api/organization-roles",
                Map.of("name", moderatorRole, "organizationScopeIds", moderatorScopes))))).path("id").asText();
        try {
            moderatorMayNotTouchAnAdmin(moderatorRole);
        } finally {
            assertEquals(204, status(m(HttpRequest.DELETE("/api/organization-roles/" + roleId))), "the template as it was");
        }
    }

    private void moderatorMayNotTouchAnAdmin(String moderatorRole) {
        Account creator = signUp();
        Account otherAdmin = signUp();
        Account moderator = signUp();
        Account collaborator = signUp();
        String org = createOrganization(creator, "Outranked");
        addMember(org, otherAdmin, "Admin");
        addMember(org, moderator, moderatorRole);
        addMember(org, collaborator, "Collaborator");
        String token = organizationToken(moderator, org);
        String adminRoles = "/organizations/" + org + "/members/" + otherAdmin.id() + "/roles";

        HttpClientResponseException demote = failure(HttpRequest.PUT(adminRoles,
                Map.of("organizationRoleNames", List.of("Collaborator"))).bearerAuth(token));
        assertEquals(403, demote.getStatus().getCode());
        assertTrue(body(demote).contains("holding the role Admin"), body(demote));
        assertEquals(403, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + otherAdmin.id())
                .bearerAuth(token)));
        assertEquals(List.of("Admin"), rolesOf(org, otherAdmin), "the Admin kept its roles and membership");

        // Members it outranks it may still manage, and it may leave on its own.
        assertEquals(200, status(HttpRequest.PUT("/organizations/" + org + "/members/" + collaborator.id() + "/roles",
                Map.of("organizationRoleNames", List.of())).bearerAuth(token)));
        assertEquals(204, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + collaborator.id())
                .bearerAuth(token)));
        assertEquals(204, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + moderator.id())
                .bearerAuth(token)));
    }

    @Test
    void theAdminRoleIsFoundByItsIdSoRenamingItKeepsItsRulesAndItCannotBeDeleted() {
        assertEquals(422, status(m(HttpRequest.DELETE(ADMIN_ROLE))));
        assertEquals(200, status(m(HttpRequest.PATCH(ADMIN_ROLE, Map.of("name", "Owner")))));
        try {
            renamedAdminKeepsItsRules();
        } finally {
            assertEquals(200, status(m(HttpRequest.PATCH(ADMIN_ROLE, Map.of("name", "Admin")))), "as the other test expects");
        }
    }

    private void renamedAdminKeepsItsRules() {
        Account creator = signUp();
        String org = createOrganization(creator, "Renamed roles");
        assertEquals(List.of("Owner"), rolesOf(org, creator), "the creator is Admin under its new name");

        String token = organizationToken(creator, org);
        assertEquals(422, status(HttpRequest.DELETE("/organizations/" + org + "/members/" + creator.id()).bearerAuth(token)),
                "the last Admin cannot leave");
        assertEquals(422, status(HttpRequest.PUT("/organizations/" + org + "/members/" + creator.id() + "/roles",
                Map.of("organizationRoleNames", List.of("Member"))).bearerAuth(token)), "nor be demoted");
        assertEquals("Owner", json(http.toBlocking().retrieve(m(HttpRequest.GET(ADMIN_ROLE)))).path("name").asText());
    }

    private List<String> rolesOf(String org, Account account) {
        JsonNode roles = json(http.toBlocking().retrieve(m(HttpRequest.GET("/api/organizations/" + org + "/users/"
                + account.id() + "/roles"))));
        return roles.findValuesAsText("name");
    }

    private <T> MutableHttpRequest<T> m(MutableHttpRequest<T> request) {
        return request.bearerAuth(managementToken());
    }
}
