package io.documind.document;

import io.documind.contracts.events.ApplicationRemovedFromOrganization;
import io.documind.contracts.events.ApplicationRolesChanged;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.security.Scopes;
import io.documind.contracts.security.TokenClaims;
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
import java.util.function.BiFunction;

/**
 * A member's roles change (or an app's, or the app leaves the organization): its organization token from before is
 * refused here once the event arrives.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityRevocationTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    EnvelopeCodec codec;

    @Override
    public Map<String, String> getProperties() {
        return DocumentServiceContext.properties();
    }

    @Test
    void aTokenFromBeforeARoleChangeIsRefusedAndOneAtTheNewVersionAccepted() {
        String org = UUID.randomUUID().toString(), member = UUID.randomUUID().toString();
        try (EventFeed events = new EventFeed(codec)) {
            RevocationProbe.refusedOnceTheEventArrives(server.getURI(), "/documents", events,
                    new MemberRolesChanged(org, member, List.of("Collaborator"), List.of(Scopes.READ_DOCUMENTS), 2),
                    token(org, member, 1), token(org, member, 2));
        }
    }

    @Test
    void anAppsOrganizationTokenIsRefusedOnceItIsRemovedFromTheOrganization() {
        appRefusedAfter((app, org) -> new ApplicationRemovedFromOrganization(org, app, 2));
    }

    @Test
    void anAppsOrganizationTokenIsRefusedOnceItsRolesChange() {
        appRefusedAfter((app, org) -> new ApplicationRolesChanged(org, app, List.of("Collaborator"),
                List.of(Scopes.READ_DOCUMENTS), 2));
    }

    private void appRefusedAfter(BiFunction<String, String, DomainEvent> event) {
        String app = UUID.randomUUID().toString(), org = UUID.randomUUID().toString();
        try (EventFeed events = new EventFeed(codec)) {
            RevocationProbe.refusedOnceTheEventArrives(server.getURI(), "/documents", events, event.apply(app, org),
                    appToken(app, org, 1, Scopes.READ_DOCUMENTS), appToken(app, org, 2, Scopes.READ_DOCUMENTS));
        }
    }

    /** An application's organization token as org-service issues it: sub = client_id = the app. */
    static String appToken(String app, String org, long organizationVersion, String... scopes) {
        return Api.issuer().token().organization(org).subject(app).clientId(app).scopes(scopes)
                .claim(TokenClaims.AUTHORITY_VERSION, 1)
                .claim(TokenClaims.ORGANIZATION_AUTHORITY_VERSION, organizationVersion).sign();
    }

    private static String token(String org, String member, long version) {
        return Api.issuer().token().organization(org).subject(member).scopes(Scopes.READ_DOCUMENTS)
                .claim(TokenClaims.AUTHORITY_VERSION, 1).claim(TokenClaims.ORGANIZATION_AUTHORITY_VERSION, version)
                .sign();
    }
}
