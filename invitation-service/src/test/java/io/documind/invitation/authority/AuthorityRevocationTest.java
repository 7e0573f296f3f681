package io.documind.invitation.authority;

import io.documind.contracts.events.PasswordChanged;
import io.documind.contracts.security.Scopes;
import io.documind.contracts.security.TokenClaims;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.testing.EventFeed;
import io.documind.kit.testing.RevocationProbe;
import io.documind.localstack.testing.ServiceTestProperties;
import io.documind.localstack.testing.TestIssuer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A user's password changes: its organization token from before is refused here once PasswordChanged arrives. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityRevocationTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    EnvelopeCodec codec;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ServiceTestProperties.forService("invitation-service"));
        p.putAll(TestIssuer.shared().properties());
        return p;
    }

    @Test
    void aTokenFromBeforeAPasswordChangeIsRefusedAndOneAtTheNewVersionAccepted() {
        String org = UUID.randomUUID().toString(), user = UUID.randomUUID().toString();
        try (EventFeed events = new EventFeed(codec)) {
            RevocationProbe.refusedOnceTheEventArrives(server.getURI(),
                    "/api/organization-invitations?organizationId=" + org, events, new PasswordChanged(user, 5),
                    token(org, user, 4), token(org, user, 5));
        }
    }

    private static String token(String org, String user, long version) {
        return TestIssuer.shared().token().organization(org).subject(user).scopes(Scopes.INVITE_MEMBER)
                .claim(TokenClaims.AUTHORITY_VERSION, version).claim(TokenClaims.ORGANIZATION_AUTHORITY_VERSION, 1)
                .sign();
    }
}
