package io.documind.kit.testing;

import io.documind.kit.consumer.EventDelivery;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.inject.qualifiers.Qualifiers;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a service's {@code @KafkaListener}s subscribe to the topic of every event its handlers take, so that a new
 * handler cannot be silently left without its events.
 */
public final class ListenerTopics {

    private ListenerTopics() {
    }

    /** The topics some handler of the context needs that no listener of the context subscribes to. */
    public static Set<String> unsubscribed(ApplicationContext context) {
        Set<String> subscribed = new TreeSet<>();
        for (BeanDefinition<?> listener : context.getBeanDefinitions(Qualifiers.byStereotype(KafkaListener.class))) {
            for (ExecutableMethod<?, ?> method : listener.getExecutableMethods()) {
                method.getAnnotationValuesByType(Topic.class).forEach(t -> subscribed.addAll(List.of(t.stringValues())));
            }
        }
        Set<String> needed = new TreeSet<>(context.getBean(EventDelivery.class).topics());
        needed.removeAll(subscribed);
        return needed;
    }
}
