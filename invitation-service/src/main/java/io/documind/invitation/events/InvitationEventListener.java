package io.documind.invitation.events;

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

/**
 * invitation-service's events in: org-service's, for its directory of organizations, members,
 * users and the role template, and the authority floors; notification-service's, for the mail backlog (EmailSent,
 * EmailFailed).
 * Each record is applied once, in order per organization, by the kit's {@link EventDelivery}, which commits it
 * itself (hence {@code DISABLED}); a handler that keeps failing is retried with exponential backoff and then
 * dead-lettered; an outage is waited out.
 */
@KafkaListener(groupId = ConsumerConfiguration.GROUP_ID, offsetStrategy = OffsetStrategy.DISABLED,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_CONDITIONALLY_EXPONENTIALLY_ON_ERROR,
                retryDelay = ConsumerConfiguration.RETRY_DELAY, retryCountValue = ConsumerConfiguration.MAX_RETRIES))
@Requires(property = ConsumerConfiguration.ENABLED, notEquals = StringUtils.FALSE)
public class InvitationEventListener {

    private final EventDelivery delivery;

    public InvitationEventListener(EventDelivery delivery) {
        this.delivery = delivery;
    }

    @Topic({Topics.ORG_EVENTS, Topics.NOTIFICATION_EVENTS})
    void receive(ConsumerRecord<String, byte[]> record, Consumer<String, byte[]> consumer) {
        delivery.receive(record, consumer);
    }
}
