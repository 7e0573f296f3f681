package io.documind.notification.delivery;

import java.sql.SQLException;

/**
 * A delivery-log statement failed. It keeps the {@link SQLException} as its cause, so the kit's consumer
 * still recognises a database outage (and retries it) rather than blaming the event.
 */
public class NotificationStoreException extends RuntimeException {
    public NotificationStoreException(String sql, SQLException cause) {
        super("delivery log statement failed (" + cause.getSQLState() + "): " + firstLine(sql), cause);
    }

    private static String firstLine(String sql) {
        String stripped = sql.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline) + " …";
    }
}
