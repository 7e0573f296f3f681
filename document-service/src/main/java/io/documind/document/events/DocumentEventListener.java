package io.documind.document.events;

import io.documind.contracts.Topics;
import io.documind.kit.consumer.DeliveryListener;
import io.documind.kit.consumer.DocumindListener;
import io.documind.kit.consumer.EventDelivery;
import io.micronaut.configuration.kafka.annotation.Topic;

/**
 * document-service's events in: org-service's (a deleted organization's documents are purged,
 * authority floors).
 * Group, offsets, retries and dead-lettering are the kit's, as for every service ({@link DocumindListener}).
 */
@DocumindListener
@Topic(Topics.ORG_EVENTS)
public class DocumentEventListener extends DeliveryListener {

    public DocumentEventListener(EventDelivery delivery) {
        super(delivery);
    }
}
