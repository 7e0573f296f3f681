package io.documind.kit.kafka;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;

/** One admin client per service instance, thread-safe and shared (producers are micronaut-kafka's). */
@Factory
public class KafkaClients {

    @Singleton
    @Bean(preDestroy = "close")
    Admin admin(KafkaSettings settings) {
        return Admin.create(settings.admin());
    }
}
