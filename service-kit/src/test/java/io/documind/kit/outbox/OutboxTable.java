package io.documind.kit.outbox;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct access to a test context's {@code outbox_event} table, to set up rows and read their state. */
final class OutboxTable {

    private final TransactionOperations<Connection> transactions;

    @SuppressWarnings("unchecked")
    OutboxTable(ApplicationContext context) {
        this.transactions = context.getBean(TransactionOperations.class);
    }

    /** Inserts a row for {@code org.events.v1} with the given SQL expressions for payload and sent_at; returns its id. */
    long insert(String payloadExpression, String sentAtExpression) {
        return number("INSERT INTO outbox_event (event_id, event_type, topic, record_key, payload, sent_at) "
                + "VALUES (gen_random_uuid(), 'OrganizationUpdated', 'org.events.v1', 'k', " + payloadExpression
                + ", " + sentAtExpression + ") RETURNING id");
    }

    long number(String sql) {
        return transactions.executeWrite(s -> {
            try (PreparedStatement statement = s.getConnection().prepareStatement(sql);
                 ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    String text(String sql) {
        return transactions.executeRead(s -> {
            try (PreparedStatement statement = s.getConnection().prepareStatement(sql);
                 ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
