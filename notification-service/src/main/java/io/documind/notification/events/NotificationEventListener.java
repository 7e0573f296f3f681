package io.documind.notification.events;

import io.documind.contracts.Topics;
import io.documind.kit.consumer.DeliveryListener;
import io.documind.kit.consumer.DocumindListener;
import io.documind.kit.consumer.EventDelivery;
import io.micronaut.configuration.kafka.annotation.Topic;

/**
 * notification-service's events in: org-service's (welcome and account emails, organization
 * names) and invitation-service's (invitation emails, acceptance notes, withdrawn invitations).
 * Group, offsets, retries and dead-lettering are the kit's, as for every service ({@link DocumindListener}).
 */
@DocumindListener
@Topic({Topics.ORG_EVENTS, Topics.INVITATION_EVENTS})
public class NotificationEventListener extends DeliveryListener {

    public NotificationEventListener(EventDelivery delivery) {
        super(delivery);
    }
}
