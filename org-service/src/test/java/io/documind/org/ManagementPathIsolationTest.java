package io.documind.org;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A management token may act on every organization (DESIGN §4), but each route acts on the organization its path
 * names: organization B's member, application, just-in-time domain and role, named under organization A's path,
 * are answered as they are under an organization that has none of them, and nothing of A or B changes.
 */
@MicronautTest(transactional = false)
class ManagementPathIsolationTest extends OrgServiceTest {

    private static final String ADMIN = OrganizationApplicationsTest.ADMIN;
    private static final String MEMBER = OrganizationApplicationsTest.MEMBER;

    private String management;

    @Test
    void anotherOrganizationsObjectsAreNotReachableThroughThisOnesPath() {
        String a = organization("A");
        String b = organization("B");
        String none = organization("Z, which holds nothing");
        Account memberOfA = signUp();
        addMember(a, memberOfA, "Admin");
        Account memberOfB = signUp();
        addMember(b, memberOfB, "Member");
        String appOfB = json(call(HttpRequest.POST("/api/applications", Map.of("name", "Of B")))).path("id").asText();
        assertEquals(201, status(m(HttpRequest.POST("/api/organizations/" + b + "/applications",
                Map.of("applicationIds", List.of(appOfB))))));
        assertEquals(201, status(m(HttpRequest.POST("/api/organizations/" + b + "/applications/" + appOfB + "/roles",
                Map.of("organizationRoleIds", List.of(MEMBER))))));
        String domainOfB = "b-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        assertEquals(201, status(m(HttpRequest.POST("/api/organizations/" + b + "/jit/email-domains",
                Map.of("emailDomain", domainOfB)))));
        assertEquals(201, status(m(HttpRequest.POST("/api/organizations/" + b + "/jit/roles",
                Map.of("organizationRoleIds", List.of(MEMBER))))));
        Map<String, String> before = state(a, b, memberOfA.id(), memberOfB.id(), appOfB);

        String user = "/users/" + memberOfB.id();
        String app = "/applications/" + appOfB;
        List<MutableHttpRequest<?>> requests = List.of(
                HttpRequest.GET(user + "/roles"),
                HttpRequest.GET(user + "/scopes"),
                HttpRequest.POST(user + "/roles", Map.of("organizationRoleNames", List.of("Admin"))),
                HttpRequest.PUT(user + "/roles", Map.of("organizationRoleNames", List.of("Admin"))),
                HttpRequest.DELETE(user + "/roles/" + MEMBER),
                HttpRequest.POST("/users/roles", Map.of("userIds", List.of(memberOfB.id()),
                        "organizationRoleIds", List.of(ADMIN))),
                HttpRequest.DELETE(user),
                HttpRequest.GET(app + "/roles"),
                HttpRequest.POST(app + "/roles", Map.of("organizationRoleIds", List.of(ADMIN))),
                HttpRequest.PUT(app + "/roles", Map.of("organizationRoleIds", List.of(ADMIN))),
                HttpRequest.DELETE(app + "/roles/" + MEMBER),
                HttpRequest.DELETE(app),
                HttpRequest.DELETE("/jit/email-domains/" + domainOfB),
                HttpRequest.DELETE("/jit/roles/" + MEMBER));
        for (MutableHttpRequest<?> request : requests) {
            String route = request.getMethodName() + " " + request.getPath();
            int underA = status(m(sameRequestAt(request, "/api/organizations/" + a + request.getPath())));
            int underNone = status(m(sameRequestAt(request, "/api/organizations/" + none + request.getPath())));
            assertEquals(underNone, underA, route + ": A's path answers as an organization without B's objects does");
            assertTrue(underA == 404 || underA == 422, route + " under A's path: " + underA);
        }

        assertEquals(before, state(a, b, memberOfA.id(), memberOfB.id(), appOfB), "nothing of A or B changed");
    }

    /** What the Management API shows of both organizations, read by their own paths. */
    private Map<String, String> state(String a, String b, String memberOfA, String memberOfB, String appOfB) {
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of(
                "/api/organizations/" + a + "/users",
                "/api/organizations/" + a + "/users/" + memberOfA + "/roles",
                "/api/organizations/" + a + "/applications",
                "/api/organizations/" + a + "/jit/email-domains",
                "/api/organizations/" + a + "/jit/roles",
                "/api/organizations/" + b + "/users",
                "/api/organizations/" + b + "/users/" + memberOfB + "/roles",
                "/api/organizations/" + b + "/users/" + memberOfB + "/scopes",
                "/api/organizations/" + b + "/applications",
                "/api/organizations/" + b + "/applications/" + appOfB + "/roles",
                "/api/organizations/" + b + "/jit/email-domains",
                "/api/organizations/" + b + "/jit/roles",
                "/api/users/" + memberOfB + "/organizations",
                "/api/applications/" + appOfB + "/organizations")) {
            state.put(path, json(call(HttpRequest.GET(path))).toString());
        }
        return state;
    }

    private String organization(String name) {
        return json(call(HttpRequest.POST("/api/organizations", Map.of("name", name)))).path("id").asText();
    }

    private String call(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(m(request));
    }

    private MutableHttpRequest<?> m(MutableHttpRequest<?> request) {
        if (management == null) {
            management = managementToken(); // one for the whole test: each grant checks the client secret
        }
        return request.bearerAuth(management);
    }
}
