package io.documind.kit.consumer;

import io.documind.kit.events.InvalidEventException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.retry.ConditionalRetryBehaviourHandler;
import io.micronaut.configuration.kafka.retry.DefaultConditionalRetryBehaviourHandler;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

/**
 * The listeners' conditional retry: a handler's failure is retried (the error strategy bounds the attempts and doubles
 * the pause), while a record that is not a valid event goes to the dead-letter topic at once, since reading it again
 * cannot change it. An outage never gets here: {@link EventDelivery} holds the partition instead of throwing.
 */
@Singleton
@Replaces(DefaultConditionalRetryBehaviourHandler.class)
public class RetryOrDeadLetter implements ConditionalRetryBehaviourHandler {

    @Override
    public ConditionalRetryBehaviour conditionalRetryBehaviour(KafkaListenerException exception) {
        for (Throwable t = exception.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException) {
                return ConditionalRetryBehaviour.SKIP;
            }
        }
        return ConditionalRetryBehaviour.RETRY;
    }
}
