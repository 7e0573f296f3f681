package io.documind.org.token;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@link LoginThrottle}'s counts in the org database, shared by every instance; a row lock makes updates atomic. */
@Singleton
public class LoginFailures implements LoginThrottle.Store {

    private final TransactionOperations<Connection> transactions;

    public LoginFailures(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<LoginThrottle.Failures> find(List<String> keys) {
        return transactions.executeRead(status -> {
            List<LoginThrottle.Failures> found = new ArrayList<>();
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT failures, window_start, blocked_until FROM login_failure WHERE key = ANY (?)")) {
                select.setArray(1, status.getConnection().createArrayOf("text", keys.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(failures(rs));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void update(String key, UnaryOperator<LoginThrottle.Failures> change) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            // A placeholder row (0 failures) first, so that the lock below exists even for a key's first failure.
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO login_failure (key, failures, window_start) VALUES (?, 0, now())
                    ON CONFLICT (key) DO NOTHING""")) {
                insert.setString(1, key);
                insert.executeUpdate();
            }
            LoginThrottle.Failures current;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT failures, window_start, blocked_until FROM login_failure WHERE key = ? FOR UPDATE")) {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    current = rs.getInt(1) == 0 ? null : failures(rs);
                }
            }
            LoginThrottle.Failures next = change.apply(current);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE login_failure SET failures = ?, window_start = ?, blocked_until = ? WHERE key = ?")) {
                update.setInt(1, next.count());
                update.setTimestamp(2, Timestamp.from(next.windowStart()));
                update.setTimestamp(3, next.blockedUntil() == null ? null : Timestamp.from(next.blockedUntil()));
                update.setString(4, key);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void remove(String key) {
        transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement(
                    "DELETE FROM login_failure WHERE key = ?")) {
                delete.setString(1, key);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** Rows whose window and block are both over count for nothing any more. */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void prune() {
        Instant stale = Instant.now().minus(LoginThrottle.WINDOW).minus(LoginThrottle.MAX_BLOCK);
        transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection().prepareStatement(
                    "DELETE FROM login_failure WHERE window_start < ? AND (blocked_until IS NULL OR blocked_until < now())")) {
                delete.setTimestamp(1, Timestamp.from(stale));
                delete.executeUpdate();
            }
            return null;
        });
    }

    private static LoginThrottle.Failures failures(ResultSet rs) throws SQLException {
        Timestamp blocked = rs.getTimestamp(3);
        return new LoginThrottle.Failures(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                blocked == null ? null : blocked.toInstant());
    }
}
