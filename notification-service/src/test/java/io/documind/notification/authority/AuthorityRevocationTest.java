package io.documind.notification.authority;

import io.documind.contracts.events.ApplicationSecretRotated;
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

import java.util.Map;
import java.util.UUID;

/** An app's secret is rotated: its management token from before is refused here once the event arrives. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorityRevocationTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Inject
    EnvelopeCodec codec;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("notification-service");
    }

    @Test
    void aManagementTokenFromBeforeASecretRotationIsRefusedAndOneAtTheNewVersionAccepted() {
        String app = "m2m-" + UUID.randomUUID();
        try (EventFeed events = new EventFeed(codec)) {
            RevocationProbe.refusedOnceTheEventArrives(server.getURI(), "/api/email-templates/OrganizationInvitation",
                    events, new ApplicationSecretRotated(app, 3), token(app, 2), token(app, 3));
        }
    }

    private static String token(String app, long version) {
        return TestIssuer.shared().token().management().subject(app).clientId(app).scopes("all")
                .claim(TokenClaims.AUTHORITY_VERSION, version).sign();
    }
}
