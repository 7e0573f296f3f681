package io.documind.kit.kafka;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;

/** One producer per service instance (the outbox relay's), thread-safe and shared. */
@Factory
public class KafkaClients {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Primary: micronaut-kafka's own factory also offers a Producer for any types (the dead letters use it). */
    @Singleton
    @Primary
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
}
