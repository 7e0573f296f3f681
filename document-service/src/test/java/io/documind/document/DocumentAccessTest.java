package io.documind.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.document.Api.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static io.documind.document.Api.body;
import static io.documind.document.Api.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may do what: the role scopes of DESIGN §4 against every endpoint, other token kinds, other organizations. */
@MicronautTest(transactional = false)
class DocumentAccessTest extends DocumentServiceTest {

    /** Every endpoint, as (token, organization) → reply; each acts on a document of its own. */
    private Map<String, BiFunction<String, String, Reply>> endpoints() {
        Map<String, BiFunction<String, String, Reply>> e = new LinkedHashMap<>();
        e.put("POST /documents", (token, org) -> api.post("/documents", token, body("title", "T", "content", "C")));
        e.put("GET /documents", (token, org) -> api.get("/documents", token));
        e.put("GET /documents?q=", (token, org) -> api.get("/documents?q=searchable", token));
        e.put("GET /documents/{id}", (token, org) -> api.get("/documents/" + document(org), token));
        e.put("PATCH /documents/{id}", (token, org) -> api.patch("/documents/" + document(org), token,
                body("title", "Changed"), null));
        e.put("DELETE /documents/{id}", (token, org) -> api.delete("/documents/" + document(org), token, null));
        return e;
    }

    private String document(String org) {
        return api.create(org, "Searchable", "text").path("id").asText();
    }

    @Test
    void theRoleScopesDecideEveryEndpoint() {
        String org = UUID.randomUUID().toString();
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        //                                          Admin, Member, Collaborator
        expected.put("POST /documents", List.of(201, 201, 403));
        expected.put("GET /documents", List.of(200, 200, 200));
        expected.put("GET /documents?q=", List.of(200, 200, 200));
        expected.put("GET /documents/{id}", List.of(200, 200, 200));
        expected.put("PATCH /documents/{id}", List.of(200, 200, 403));
        expected.put("DELETE /documents/{id}", List.of(204, 403, 403));
        String[][] roles = {Api.ADMIN, Api.MEMBER, Api.COLLABORATOR};

        endpoints().forEach((name, call) -> {
            for (int r = 0; r < roles.length; r++) {
                Reply reply = call.apply(Api.token("user-" + r, org, roles[r]), org);
                assertEquals(expected.get(name).get(r), reply.status(), name + " as role #" + r + ": " + reply.raw().body());
                if (reply.status() == 403) {
                    assertTrue(reply.header("WWW-Authenticate").orElseThrow().contains("insufficient_scope"));
                    assertEquals("application/problem+json", reply.contentType());
                }
            }
        });
    }

    /**
     * A machine-to-machine application's organization token (client_credentials with organization_id: sub =
     * client_id = the application, no email) works on its organization's documents as their author, nowhere else.
     */
    @Test
    void anAppWritesAndReadsItsOrganizationsDocumentsAsTheirAuthorAndNoOneElses() {
        String app = UUID.randomUUID().toString(), org = UUID.randomUUID().toString();
        String token = AuthorityRevocationTest.appToken(app, org, 1, Api.MEMBER);

        Reply created = api.post("/documents", token, body("title", "Nightly report", "content", "All green"));
        assertEquals(201, created.status(), created.raw().body());
        assertEquals(app, created.json().path("authorId").asText());
        Reply read = api.get("/documents/" + created.id(), token);
        assertEquals(200, read.status());
        assertEquals(app, read.json().path("updatedBy").asText());

        assertEquals(404, api.get("/documents/" + created.id(),
                        AuthorityRevocationTest.appToken(app, UUID.randomUUID().toString(), 1, Api.MEMBER)).status(),
                "the same app's token for another organization sees nothing of this one");
        assertEquals(403, api.delete("/documents/" + created.id(), token, null).status(),
                "its roles' scopes still decide (Member has no delete:documents)");
    }

    @Test
    void onlyOrganizationTokensGetIn() {
        String org = UUID.randomUUID().toString();
        String everyScope = String.join(" ", Api.ADMIN);
        List<String> others = List.of(
                Api.issuer().userToken("someone", Api.ADMIN),
                Api.issuer().managementToken("m2m"),
                Api.issuer().token().management().scopes("all", everyScope).sign());
        endpoints().forEach((name, call) -> {
            Reply anonymous = call.apply(null, org);
            assertEquals(401, anonymous.status(), name);
            assertEquals("Bearer", anonymous.header("WWW-Authenticate").orElseThrow(), name);
            for (String token : others) {
                Reply r = call.apply(token, org);
                assertEquals(401, r.status(), name);
                assertTrue(r.header("WWW-Authenticate").orElseThrow().contains("invalid_token"), name);
            }
        });
    }

    @Test
    void anotherOrganizationsDocumentDoesNotExistForYou() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        JsonNode secret = api.create(b, "B's zanzibar plan", "zanzibar details");
        String id = secret.path("id").asText();
        String intruder = Api.admin(a);
        String missing = "/documents/" + UUID.randomUUID();

        Reply read = api.get("/documents/" + id, intruder);
        Reply absent = api.get(missing, intruder);
        assertEquals(404, read.status());
        assertEquals(absent.json().path("detail"), read.json().path("detail"), "no hint that it exists");
        assertEquals(absent.json().path("title"), read.json().path("title"));

        assertEquals(404, api.patch("/documents/" + id, intruder, body("title", "mine now"), null).status());
        // Even with the right ETag: 404, not the 412 that would confirm the document exists.
        assertEquals(404, api.patch("/documents/" + id, intruder, body("title", "mine now"), "\"2\"").status());
        assertEquals(404, api.delete("/documents/" + id, intruder, null).status());
        assertEquals(404, api.delete("/documents/" + id, intruder, "\"1\"").status());

        assertFalse(ids(api.get("/documents?limit=100", intruder).json()).contains(id));
        assertEquals(List.of(), ids(api.get("/documents?q=zanzibar", intruder).json()));

        Reply owner = api.get("/documents/" + id, Api.admin(b));
        assertEquals(200, owner.status());
        assertEquals(secret, owner.json(), "untouched");
        assertEquals(List.of(id), ids(api.get("/documents?q=zanzibar", Api.admin(b)).json()));
    }
}
