package io.documind.kit.outbox;

import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.KitContext;
import io.documind.kit.lifecycle.Shutdown;
import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.configuration.kafka.config.AbstractKafkaProducerConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The relay's LISTEN connection comes from the service's pool: it must not go back to the pool still listening,
 * or whoever borrows it next collects the relay's notifications. Kafka being away is the everyday way the relay's
 * loop fails.
 */
class OutboxRelayListenerTest {

    @Test
    void noConnectionGoesBackToThePoolStillListeningWhenKafkaIsAway() throws Exception {
        try (KafkaBroker kafka = TestInfrastructure.dedicatedKafka()) {
            Map<String, Object> properties = KitContext.properties(kafka);
            properties.put("documind.consumer.enabled", false);
            properties.put("documind.outbox.relay-enabled", false); // the test runs its own relay
            try (ApplicationContext context = KitContext.start(properties)) {
                kafka.stop();
                @SuppressWarnings("unchecked")
                TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
                String org = UUID.randomUUID().toString();
                UUID id = transactions.executeWrite(s ->
                        context.getBean(Outbox.class).append(new OrganizationCreated(org, "Unsent", null, null, null, false, null)));

                ReturnCheckingDataSource pool = new ReturnCheckingDataSource(
                        DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class)));
                Properties producerSettings = new Properties();
                producerSettings.putAll(context.getBean(AbstractKafkaProducerConfiguration.class,
                        Qualifiers.byName("outbox")).getConfig());
                producerSettings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500); // fail fast: Kafka is away
                OutboxConfiguration config = new OutboxConfiguration();
                config.setMaxBackoff(Duration.ofMillis(300));
                try (CountingProducer producer = new CountingProducer(producerSettings)) {
                    OutboxPublisher publisher = new OutboxPublisher(producer, context.getBean(OutboxRows.class),
                            context.getBean(OutboxParking.class), transactions, config);
                    OutboxRelay relay = new OutboxRelay(publisher, new OutboxWakeUp(pool), config,
                            context.getBean(Shutdown.class));
                    relay.start();
                    try {
                        // Two sends: the first failed and the relay went on after it.
                        await().atMost(Duration.ofSeconds(30)).until(() -> producer.sends.get() >= 2);
                    } finally {
                        relay.stop();
                    }
                }
                assertEquals(List.of(), pool.returnedListening, "connections handed back still listening");
                transactions.executeWrite(s -> {
                    try (PreparedStatement delete = s.getConnection().prepareStatement(
                            "DELETE FROM outbox_event WHERE event_id = ?")) {
                        delete.setObject(1, id);
                        return delete.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }

    private static final class CountingProducer extends KafkaProducer<String, String> {
        final AtomicInteger sends = new AtomicInteger();

        CountingProducer(Properties settings) {
            super(settings, new StringSerializer(), new StringSerializer());
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
            sends.incrementAndGet();
            return super.send(record, callback);
        }
    }

    /** The pool, but each connection handed back is first asked which channels it still listens to. */
    private static final class ReturnCheckingDataSource implements DataSource {
        final List<String> returnedListening = new CopyOnWriteArrayList<>();
        private final DataSource pool;

        ReturnCheckingDataSource(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = pool.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            checkListening(connection);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private void checkListening(Connection connection) throws SQLException {
            if (connection.isClosed()) {
                return;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback(); // what the pool does with an unfinished transaction
            }
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_listening_channels()");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    returnedListening.add(rs.getString(1));
                }
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return pool.isWrapperFor(type);
        }
    }
}
