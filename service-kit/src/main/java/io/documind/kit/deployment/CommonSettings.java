package io.documind.kit.deployment;

import jakarta.inject.Singleton;

import java.util.List;

/** What every service needs: its database, Kafka, and the token issuer. */
@Singleton
public class CommonSettings implements RequiredSettings {

    @Override
    public List<RequiredSetting> settings() {
        return List.of(
                new RequiredSetting("datasources.default.url", "DATABASE_URL", "jdbc:postgresql://127\\.0\\.0\\.1:5433/.*"),
                new RequiredSetting("datasources.default.username", "DATABASE_USER", null),
                new RequiredSetting("datasources.default.password", "DATABASE_PASSWORD", "postgres"),
                new RequiredSetting("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS", "127\\.0\\.0\\.1:9092"),
                new RequiredSetting("documind.security.issuer", "DOCUMIND_ISSUER", "http://localhost:8081/oidc"));
    }
}
