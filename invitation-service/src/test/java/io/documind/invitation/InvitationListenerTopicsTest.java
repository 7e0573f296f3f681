package io.documind.invitation;

import io.documind.kit.testing.ListenerTopics;
import io.documind.localstack.testing.ServiceTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** invitation-service's listener subscribes to the topic of every event its handlers (the kit's included) take. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationListenerTopicsTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestProperties.forService("invitation-service");
    }

    @Test
    void theListenerCoversEveryHandledTopic() {
        assertEquals(Set.of(), ListenerTopics.unsubscribed(context));
    }
}
