package io.documind.document;

import io.documind.contracts.events.ApplicationRemovedFromOrganization;
import io.documind.contracts.events.ApplicationRolesChanged;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.security.Scopes;
import io.documind.contracts.security.TokenClaims;
import io.documind.document.Api.Reply;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;
import io.documind.kit.testing.RevocationProbe;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

import static io.documind.document.Api.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A machine-to-machine application's organization token (client_credentials with organization_id: sub = client_id
 * = the application, no email): it works on its organization's documents as their author, nowhere else, and is
 * refused once the application leaves the organization or its roles change.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationTokenTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    EnvelopeCodec codec;

    @Override
    public Map<String, String> getProperties() {
        return DocumentServiceContext.properties();
    }

    @Test
    void anAppWritesAndReadsItsOrganizationsDocumentsAsTheirAuthorAndNoOneElses() {
        Api api = new Api(server.getURI());
        String app = UUID.randomUUID().toString(), org = UUID.randomUUID().toString();
        String token = appToken(app, org, 1, Api.MEMBER);

        Reply created = api.post("/documents", token, body("title", "Nightly report", "content", "All green"));
        assertEquals(201, created.status(), created.raw().body());
        assertEquals(app, created.json().path("authorId").asText());
        Reply read = api.get("/documents/" + created.id(), token);
        assertEquals(200, read.status());
        assertEquals(app, read.json().path("updatedBy").asText());

        String otherOrg = UUID.randomUUID().toString();
        assertEquals(404, api.get("/documents/" + created.id(), appToken(app, otherOrg, 1, Api.MEMBER)).status(),
                "the same app's token for another organization sees nothing of this one");
        assertEquals(403, api.delete("/documents/" + created.id(), token, null).status(),
                "its roles' scopes still decide (Member has no delete:documents)");
    }

    @Test
    void anAppsTokenIsRefusedOnceItIsRemovedFromTheOrganization() {
        refusedAfter((app, org) -> new ApplicationRemovedFromOrganization(org, app, 2));
    }

    @Test
    void anAppsTokenIsRefusedOnceItsRolesChange() {
        refusedAfter((app, org) -> new ApplicationRolesChanged(org, app, List.of("Collaborator"),
                List.of(Scopes.READ_DOCUMENTS), 2));
    }

    private void refusedAfter(java.util.function.BiFunction<String, String, DomainEvent> event) {
        String app = UUID.randomUUID().toString(), org = UUID.randomUUID().toString();
        LongFunction<String> token = version -> appToken(app, org, version, Scopes.READ_DOCUMENTS);
        try (EventFeed events = new EventFeed(codec)) {
            RevocationProbe.refusedOnceTheEventArrives(server.getURI(), "/documents", events, event.apply(app, org),
                    token.apply(1), token.apply(2));
        }
    }

    private static String appToken(String app, String org, long organizationVersion, String... scopes) {
        return Api.issuer().token().organization(org).subject(app).clientId(app).scopes(scopes)
                .claim(TokenClaims.AUTHORITY_VERSION, 1)
                .claim(TokenClaims.ORGANIZATION_AUTHORITY_VERSION, organizationVersion).sign();
    }
}
