package io.documind.kit.outbox;

import io.documind.kit.KitContext;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** Direct access to a test context's {@code outbox_event} table, to set up rows and read their state. */
final class OutboxTable {

    private final TransactionOperations<Connection> transactions;

    /**
     * A kit context where neither the consumer nor the relay runs, so only the test drives the outbox's parts, with
     * {@code settings} on top.
     */
    static ApplicationContext quietContext(Map<String, Object> settings) {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("documind.consumer.enabled", false);
        properties.put("documind.outbox.relay-enabled", false);
        properties.putAll(settings);
        return KitContext.start(properties);
    }

    @SuppressWarnings("unchecked")
    OutboxTable(ApplicationContext context) {
        this.transactions = context.getBean(TransactionOperations.class);
    }

    /** Inserts a row for {@code org.events.v1} with the given SQL expressions for payload and sent_at; returns its id. */
    long insert(String payloadExpression, String sentAtExpression) {
        return insert(payloadExpression, sentAtExpression, "k");
    }

    /** A row whose record key (the organization) is {@code key}. */
    long insert(String payloadExpression, String sentAtExpression, String key) {
        return number("INSERT INTO outbox_event (event_id, event_type, topic, record_key, payload, sent_at) "
                + "VALUES (gen_random_uuid(), 'OrganizationUpdated', 'org.events.v1', '" + key + "', "
                + payloadExpression + ", " + sentAtExpression + ") RETURNING id");
    }

    long number(String sql) {
        return transactions.executeWrite(s -> firstColumn(s.getConnection(), sql, rs -> rs.getLong(1)));
    }

    String text(String sql) {
        return transactions.executeRead(s -> firstColumn(s.getConnection(), sql, rs -> rs.getString(1)));
    }

    /** Runs {@code work} in a write transaction, as the relay runs its parts. */
    void inTransaction(Runnable work) {
        transactions.executeWrite(s -> {
            work.run();
            return null;
        });
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> T firstColumn(Connection connection, String sql, Column<T> column) {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return column.read(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
