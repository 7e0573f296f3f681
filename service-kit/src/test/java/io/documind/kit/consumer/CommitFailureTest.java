package io.documind.kit.consumer;

import io.documind.kit.KitContext;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A record done (here: dead-lettered) whose offset cannot be committed, the group coordinator being away: the
 * failure must not escape into micronaut-kafka's error handling, which would leave the rest of the poll unread
 * while the consumer's position is past it. The consumer is a stand-in whose commits time out; the delivery is the
 * kit's own, from a service-shaped context.
 */
class CommitFailureTest {

    @Test
    void aCommitThatTimesOutAfterADeadLetterIsLoggedNotThrown() {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("documind.consumer.enabled", false);
        try (ApplicationContext context = KitContext.start(properties)) {
            AtomicInteger commits = new AtomicInteger();
            Consumer<?, ?> coordinatorAway = (Consumer<?, ?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Consumer.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "commitSync" -> {
                            commits.incrementAndGet();
                            throw new TimeoutException("Timeout of 60000ms expired before committing offsets");
                        }
                        case "assignment" -> Set.of();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("org.events.v1", 0, 41L, "org", new byte[0]);

            assertDoesNotThrow(() -> context.getBean(EventDelivery.class).deadLettered(coordinatorAway, record));
            assertEquals(1, commits.get(), "it tried");
        }
    }
}
