package io.documind.kit;

import io.documind.contracts.Topics;
import io.documind.kit.consumer.DeliveryListener;
import io.documind.kit.consumer.DocumindListener;
import io.documind.kit.consumer.EventDelivery;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;

/** The kit tests' listener, declared as a service's is; only in contexts with {@link RecordingHandler} on. */
@DocumindListener
@Requires(property = RecordingHandler.ENABLED, value = StringUtils.TRUE)
@Topic(Topics.ORG_EVENTS)
class KitTestListener extends DeliveryListener {

    KitTestListener(EventDelivery delivery) {
        super(delivery);
    }
}
