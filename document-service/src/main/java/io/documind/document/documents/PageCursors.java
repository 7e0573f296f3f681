package io.documind.document.documents;

import io.documind.kit.jdbc.Sql;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;

/** The cursor codec with the key every instance shares through the database (table service_secret). */
@Singleton
public class PageCursors {

    private final TransactionOperations<Connection> transactions;
    private final Sql sql;
    private volatile PageCursor codec;

    public PageCursors(TransactionOperations<Connection> transactions, Sql sql) {
        this.transactions = transactions;
        this.sql = sql;
    }

    public PageCursor codec() {
        PageCursor c = codec;
        if (c == null) {
            c = new PageCursor(transactions.executeRead(status -> sql.one(
                    "SELECT value FROM service_secret WHERE name = 'page-cursor'", rs -> rs.getBytes("value"))
                    .orElseThrow(() -> new IllegalStateException("service_secret 'page-cursor' is missing (migration V1)"))));
            codec = c;
        }
        return c;
    }
}
