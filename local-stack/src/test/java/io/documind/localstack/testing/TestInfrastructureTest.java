package io.documind.localstack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.KafkaTestClients;
import io.documind.localstack.MailServer;
import io.documind.localstack.testing.TestInfrastructure.Database;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TestInfrastructureTest {

    @Test
    void sharedKafkaProducesAndConsumes() throws Exception {
        KafkaBroker kafka = TestInfrastructure.kafka();
        assertSame(kafka, TestInfrastructure.kafka());
        try (KafkaProducer<String, String> producer = KafkaTestClients.producer(kafka, Map.of())) {
            producer.send(new ProducerRecord<>("shared-test", "k", "hello")).get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of("hello"), KafkaTestClients.readValues(kafka, "shared-test", 1, Duration.ofSeconds(30)));
    }

    @Test
    void freshDatabasesAreDistinctEmptyAndUsable() throws Exception {
        Database first = TestInfrastructure.freshDatabase("Org-Service Test");
        Database second = TestInfrastructure.freshDatabase("Org-Service Test");
        assertNotEquals(first.name(), second.name());
        assertTrue(first.name().startsWith("org_service_test_"), first.name());
        assertTrue(first.jdbcUrl().matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/" + first.name()), first.jdbcUrl());

        execute(first, "CREATE TABLE only_in_first (id int)");
        execute(first, "INSERT INTO only_in_first VALUES (1)");
        SQLException missing = assertThrows(SQLException.class, () -> execute(second, "SELECT * FROM only_in_first"));
        assertEquals("42P01", missing.getSQLState()); // undefined_table: the second database is empty
    }

    @Test
    void sharedMailServerReceivesSmtp() {
        MailServer mail = TestInfrastructure.mail();
        GreenMailUtil.sendTextEmail("bob@example.com", "noreply@documind.local", "Invitation", "Join us",
                new ServerSetup(mail.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        assertFalse(mail.messagesFor("bob@example.com").isEmpty());
        assertEquals(null, mail.apiBaseUrl()); // tests read mail in-JVM, no HTTP API needed
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
