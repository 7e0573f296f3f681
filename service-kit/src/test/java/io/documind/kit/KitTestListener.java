package io.documind.kit;

import io.documind.contracts.Topics;
import io.documind.kit.consumer.ConsumerConfiguration;
import io.documind.kit.consumer.EventDelivery;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The kit tests' listener, declared as a service's is; only in contexts with {@link RecordingHandler} on. */
@KafkaListener(groupId = ConsumerConfiguration.GROUP_ID, offsetStrategy = OffsetStrategy.DISABLED,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_CONDITIONALLY_EXPONENTIALLY_ON_ERROR,
                retryDelay = ConsumerConfiguration.RETRY_DELAY, retryCountValue = ConsumerConfiguration.MAX_RETRIES))
@Requires(property = ConsumerConfiguration.ENABLED, notEquals = StringUtils.FALSE)
@Requires(property = RecordingHandler.ENABLED, value = StringUtils.TRUE)
class KitTestListener {

    private final EventDelivery delivery;

    KitTestListener(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Topic(Topics.ORG_EVENTS)
    void receive(ConsumerRecord<String, byte[]> record, Consumer<String, byte[]> consumer) {
        delivery.receive(record, consumer);
    }
}
