package io.documind.invitation.events;

import io.documind.contracts.Topics;
import io.documind.kit.consumer.DeliveryListener;
import io.documind.kit.consumer.DocumindListener;
import io.documind.kit.consumer.EventDelivery;
import io.micronaut.configuration.kafka.annotation.Topic;

/**
 * invitation-service's events in: org-service's, for its directory of organizations, members,
 * users and the role template, and the authority floors; notification-service's, for the mail backlog (EmailSent,
 * EmailFailed).
 * Group, offsets, retries and dead-lettering are the kit's, as for every service ({@link DocumindListener}).
 */
@DocumindListener
@Topic({Topics.ORG_EVENTS, Topics.NOTIFICATION_EVENTS})
public class InvitationEventListener extends DeliveryListener {

    public InvitationEventListener(EventDelivery delivery) {
        super(delivery);
    }
}
