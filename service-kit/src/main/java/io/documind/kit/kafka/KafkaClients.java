package io.documind.kit.kafka;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** One producer and one admin client per service instance, both thread-safe and shared. */
@Factory
public class KafkaClients {

    @Singleton
    @Bean(preDestroy = "close")
    Producer<String, byte[]> producer(KafkaSettings settings) {
        return new KafkaProducer<>(settings.producer());
    }

    @Singleton
    @Bean(preDestroy = "close")
    Admin admin(KafkaSettings settings) {
        return Admin.create(settings.admin());
    }
}
