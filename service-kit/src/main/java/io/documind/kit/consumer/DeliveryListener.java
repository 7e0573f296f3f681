package io.documind.kit.consumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What every service's listener does with a record: hand it to {@link EventDelivery}, which applies it once, in order
 * per organization, and commits it. A service's listener extends this, annotated {@link DocumindListener} and with
 * the {@code @Topic}s it consumes on the class, which micronaut-kafka applies to this inherited method.
 */
public abstract class DeliveryListener {

    private final EventDelivery delivery;

    protected DeliveryListener(EventDelivery delivery) {
        this.delivery = delivery;
    }

    public void receive(ConsumerRecord<String, byte[]> record, Consumer<String, byte[]> consumer) {
        delivery.receive(record, consumer);
    }
}
