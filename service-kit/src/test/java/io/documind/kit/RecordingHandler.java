package io.documind.kit;

import io.documind.contracts.events.OrganizationCreated;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A test handler whose effect is a row; an organization named "fail..." makes it throw every time. Only in contexts
 * that ask for it ({@link KitContext}): a reactor build run to the {@code test} phase, or an IDE, puts the kit's test
 * classes on the services' test classpath (for the {@code io.documind.kit.testing} helpers), where it would
 * otherwise handle every service's OrganizationCreated too.
 */
@Singleton
@Requires(property = RecordingHandler.ENABLED, value = "true")
class RecordingHandler implements EventHandler<OrganizationCreated> {

    static final String ENABLED = "documind.kit-test.recording-handler";

    private final TransactionOperations<Connection> transactions;

    RecordingHandler(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Class<OrganizationCreated> eventType() {
        return OrganizationCreated.class;
    }

    @Override
    public void handle(OrganizationCreated event, EventMetadata metadata) {
        try (PreparedStatement insert = transactions.getConnection().prepareStatement(
                "INSERT INTO kit_test_effect (event_id, organization_id, name) VALUES (?, ?, ?)")) {
            insert.setString(1, metadata.eventId());
            insert.setString(2, event.organizationId());
            insert.setString(3, event.name());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (event.name().startsWith("fail")) {
            throw new IllegalArgumentException("this organization can never be handled");
        }
    }
}
