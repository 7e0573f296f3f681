package io.documind.org.application;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first Management API client has to come from somewhere: when {@code documind.management.client-id}
 * and {@code client-secret} are set (DOCUMIND_MANAGEMENT_CLIENT_ID / _SECRET), that application is
 * registered at start-up. The local stack sets them to its documented local-only credentials.
 */
@Singleton
@Requires(property = "documind.management.client-id", pattern = ".*\\S.*")
@Requires(property = "documind.management.client-secret", pattern = ".*\\S.*")
public class BootstrapApplication implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapApplication.class);
    private static final int MAX_CLIENT_ID = 64;
    private final ApplicationService applications;
    private final String clientId;
    private final String secret;

    public BootstrapApplication(ApplicationService applications,
                                @Value("${documind.management.client-id}") String clientId,
                                @Value("${documind.management.client-secret}") String secret) {
        this.applications = applications;
        this.clientId = clientId;
        this.secret = secret;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (clientId.length() > MAX_CLIENT_ID) {
            // It becomes the token's sub, which resource services refuse beyond the events' 64-character ids.
            throw new IllegalStateException("documind.management.client-id must be at most " + MAX_CLIENT_ID
                    + " characters");
        }
        if (secret.length() < 16) {
            throw new IllegalStateException("documind.management.client-secret must be at least 16 characters");
        }
        applications.registerManagement(clientId, "Management (from configuration)", secret);
        LOG.info("Management application '{}' registered from configuration", clientId);
    }
}
