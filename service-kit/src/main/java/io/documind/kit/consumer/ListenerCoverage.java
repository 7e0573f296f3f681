package io.documind.kit.consumer;

import io.documind.contracts.events.EventCatalog;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses to start a service whose {@link EventHandler}s take events of a topic that none of its
 * {@code @KafkaListener}s subscribes to: such a handler would never run, and nothing else would say so. The topics are
 * written twice on purpose (micronaut-kafka subscribes by annotation, the kit dispatches by handler type); this keeps
 * the two in step. A context with handlers but no listener at all (the kit's own tests) only gets a warning.
 */
@Context
@Requires(property = ConsumerConfiguration.ENABLED, notEquals = StringUtils.FALSE)
public class ListenerCoverage {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerCoverage.class);

    public ListenerCoverage(BeanContext context, List<EventHandler<?>> handlers) {
        check(subscribedTopics(context), handlers);
    }

    /** Throws when a handled topic is not subscribed while some listener exists. */
    static void check(Set<String> subscribed, Collection<EventHandler<?>> handlers) {
        Set<String> missing = unsubscribed(subscribed, handlers);
        if (missing.isEmpty()) {
            return;
        }
        if (subscribed.isEmpty()) {
            LOG.warn("Event handlers for {} but no @KafkaListener: nothing is consumed", missing);
            return;
        }
        throw new IllegalStateException("Event handlers take events of " + missing + ", which no @KafkaListener "
                + "subscribes to (listeners subscribe to " + subscribed + "): add the topics to the service's listener");
    }

    /**
     * The topics the context's {@code @KafkaListener}s subscribe to: their methods' {@code @Topic}s, or the class's
     * (a {@link DeliveryListener} names them there), read as micronaut-kafka reads them.
     */
    public static Set<String> subscribedTopics(BeanContext context) {
        Set<String> subscribed = new TreeSet<>();
        for (BeanDefinition<?> listener : context.getBeanDefinitions(Qualifiers.byStereotype(KafkaListener.class))) {
            listener.getDeclaredAnnotationValuesByType(Topic.class).forEach(t -> subscribed.addAll(List.of(t.stringValues())));
            for (ExecutableMethod<?, ?> method : listener.getExecutableMethods()) {
                method.getAnnotationValuesByType(Topic.class).forEach(t -> subscribed.addAll(List.of(t.stringValues())));
            }
        }
        return subscribed;
    }

    /** The topics of the handlers' events that are not among {@code subscribed}. */
    static Set<String> unsubscribed(Set<String> subscribed, Collection<EventHandler<?>> handlers) {
        Set<String> missing = new TreeSet<>();
        for (EventHandler<?> handler : handlers) {
            missing.add(EventCatalog.of(handler.eventType()).topic());
        }
        missing.removeAll(subscribed);
        return missing;
    }
}
