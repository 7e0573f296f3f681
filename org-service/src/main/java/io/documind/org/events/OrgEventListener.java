package io.documind.org.events;

import io.documind.contracts.Topics;
import io.documind.kit.consumer.DeliveryListener;
import io.documind.kit.consumer.DocumindListener;
import io.documind.kit.consumer.EventDelivery;
import io.micronaut.configuration.kafka.annotation.Topic;

/**
 * org-service's events in: its own (a creator becomes Admin, authority floors, JIT joins) and
 * invitation-service's (an accepted invitation makes a member).
 * Group, offsets, retries and dead-lettering are the kit's, as for every service ({@link DocumindListener}).
 */
@DocumindListener
@Topic({Topics.ORG_EVENTS, Topics.INVITATION_EVENTS})
public class OrgEventListener extends DeliveryListener {

    public OrgEventListener(EventDelivery delivery) {
        super(delivery);
    }
}
