package io.documind.document;

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

/** A member's roles change: its organization token from before is refused here once MemberRolesChanged arrives. */
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

    private static String token(String org, String member, long version) {
        return Api.issuer().token().organization(org).subject(member).scopes(Scopes.READ_DOCUMENTS)
                .claim(TokenClaims.AUTHORITY_VERSION, 1).claim(TokenClaims.ORGANIZATION_AUTHORITY_VERSION, version)
                .sign();
    }
}
