package io.documind.kit.consumer;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service's {@code @KafkaListener}, declared once for all of them: the group from {@code documind.consumer}, and
 * offsets committed by the kit's {@link EventDelivery} itself (hence {@code DISABLED}); a handler that keeps failing
 * is retried with exponential backoff and then dead-lettered; no listener when {@link ConsumerConfiguration#ENABLED}
 * is false. micronaut-kafka reads these member values through the stereotype (ConsumerSettingsTest proves it). Put it
 * on a {@link DeliveryListener} with the class-level {@code @Topic}s the service consumes.
 */
@KafkaListener(groupId = ConsumerConfiguration.GROUP_ID, offsetStrategy = OffsetStrategy.DISABLED,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_CONDITIONALLY_EXPONENTIALLY_ON_ERROR,
                retryDelay = ConsumerConfiguration.RETRY_DELAY, retryCountValue = ConsumerConfiguration.MAX_RETRIES))
@Requires(property = ConsumerConfiguration.ENABLED, notEquals = StringUtils.FALSE)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DocumindListener {
}
