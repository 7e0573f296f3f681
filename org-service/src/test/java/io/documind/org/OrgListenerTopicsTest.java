package io.documind.org;

import io.documind.kit.testing.ListenerTopics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** org-service's listener subscribes to the topic of every event its handlers (the kit's included) take. */
@MicronautTest(transactional = false)
class OrgListenerTopicsTest extends OrgServiceTest {

    @Inject
    ApplicationContext context;

    @Test
    void theListenerCoversEveryHandledTopic() {
        assertEquals(Set.of(), ListenerTopics.unsubscribed(context));
    }
}
