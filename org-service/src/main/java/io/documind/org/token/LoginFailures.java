package io.documind.org.token;

import io.documind.kit.jdbc.Sql;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@link LoginThrottle}'s counts in the org database, shared by every instance; a row lock makes updates atomic. */
@Singleton
public class LoginFailures implements LoginThrottle.Store {

    private final TransactionOperations<Connection> transactions;
    private final Sql sql;

    public LoginFailures(TransactionOperations<Connection> transactions, Sql sql) {
        this.transactions = transactions;
        this.sql = sql;
    }

    @Override
    public List<LoginThrottle.Failures> find(List<String> keys) {
        return transactions.executeRead(status -> sql.list(
                "SELECT failures, window_start, blocked_until FROM login_failure WHERE key = ANY (?)",
                LoginFailures::failures, (Object) keys.toArray(String[]::new)));
    }

    @Override
    public void update(String key, UnaryOperator<LoginThrottle.Failures> change) {
        transactions.executeWrite(status -> {
            // A placeholder row (0 failures) first, so that the lock below exists even for a key's first failure.
            sql.update("""
                    INSERT INTO login_failure (key, failures, window_start) VALUES (?, 0, now())
                    ON CONFLICT (key) DO NOTHING""", key);
            LoginThrottle.Failures locked = sql.one(
                    "SELECT failures, window_start, blocked_until FROM login_failure WHERE key = ? FOR UPDATE",
                    LoginFailures::failures, key).orElseThrow();
            LoginThrottle.Failures next = change.apply(locked.count() == 0 ? null : locked);
            sql.update("UPDATE login_failure SET failures = ?, window_start = ?, blocked_until = ? WHERE key = ?",
                    next.count(), next.windowStart(), next.blockedUntil(), key);
            return null;
        });
    }

    @Override
    public void remove(String key) {
        transactions.executeWrite(status -> sql.update("DELETE FROM login_failure WHERE key = ?", key));
    }

    /** Rows whose window and block are both over count for nothing any more. */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void prune() {
        Instant stale = Instant.now().minus(LoginThrottle.WINDOW).minus(LoginThrottle.MAX_BLOCK);
        transactions.executeWrite(status -> sql.update(
                "DELETE FROM login_failure WHERE window_start < ? AND (blocked_until IS NULL OR blocked_until < now())",
                stale));
    }

    private static LoginThrottle.Failures failures(ResultSet rs) throws SQLException {
        return new LoginThrottle.Failures(rs.getInt("failures"), Sql.instant(rs, "window_start"),
                Sql.instant(rs, "blocked_until"));
    }
}
