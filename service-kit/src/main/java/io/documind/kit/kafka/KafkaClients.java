package io.documind.kit.kafka;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;

/** One producer and one admin client per service instance, both thread-safe and shared. */
@Factory
public class KafkaClients {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @Singleton
    @Bean(preDestroy = "close")
    Producer<String, byte[]> producer(KafkaSettings settings) {
        return new KafkaProducer<>(settings.producer()) {
            /**
             * A stopping service closes it after the outbox relay: nothing it still holds is lost (the outbox
             * keeps every unsent row), so it waits briefly, not forever, for a broker that does not answer.
             */
            @Override
            public void close() {
                close(CLOSE_TIMEOUT);
            }
        };
    }

    @Singleton
    @Bean(preDestroy = "close")
    Admin admin(KafkaSettings settings) {
        return Admin.create(settings.admin());
    }
}
