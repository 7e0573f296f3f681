package io.documind.document.documents;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The cursor codec with the key every instance shares through the database (table service_secret). */
@Singleton
public class PageCursors {

    private final TransactionOperations<Connection> transactions;
    private volatile PageCursor codec;

    public PageCursors(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public PageCursor codec() {
        PageCursor c = codec;
        if (c == null) {
            c = new PageCursor(transactions.executeRead(status -> key(status.getConnection())));
            codec = c;
        }
        return c;
    }

    private static byte[] key(Connection connection) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT value FROM service_secret WHERE name = 'page-cursor'");
             ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("service_secret 'page-cursor' is missing (migration V1)");
            }
            return rs.getBytes(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the page cursor key", e);
        }
    }
}
