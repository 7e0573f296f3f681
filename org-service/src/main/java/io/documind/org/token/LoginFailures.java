package io.documind.org.token;

import io.documind.kit.jdbc.Sql;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** {@link LoginThrottle}'s counts in the org database, shared by every instance; row locks, taken in key order, make each update atomic over all its keys. */
@Singleton
public class LoginFailures implements LoginThrottle.Store {

    private final TransactionOperations<Connection> transactions;
    private final Sql sql;

    public LoginFailures(TransactionOperations<Connection> transactions, Sql sql) {
        this.transactions = transactions;
        this.sql = sql;
    }

    @Override
    public void update(List<String> keys, UnaryOperator<Map<String, LoginThrottle.Failures>> change) {
        List<String> sorted = keys.stream().sorted().toList(); // one lock order for everyone: no deadlock
        transactions.executeWrite(status -> {
            // Each key's row, created with 0 failures if missing, locked and read in one statement. As two
            // statements (insert if missing, then SELECT ... FOR UPDATE) a concurrent update that deleted the row
            // in between left nothing to lock, and the sign-in answered 500.
            Map<String, LoginThrottle.Failures> current = new HashMap<>();
            for (String key : sorted) {
                LoginThrottle.Failures locked = sql.one("""
                        INSERT INTO login_failure (key, failures, window_start) VALUES (?, 0, now())
                        ON CONFLICT (key) DO UPDATE SET key = excluded.key
                        RETURNING failures, window_start, blocked_until""", LoginFailures::failures, key).orElseThrow();
                if (locked.count() > 0) {
                    current.put(key, locked);
                }
            }
            Map<String, LoginThrottle.Failures> next = change.apply(current);
            for (String key : sorted) {
                LoginThrottle.Failures f = next.get(key);
                if (f == null) {
                    sql.update("DELETE FROM login_failure WHERE key = ?", key);
                } else {
                    sql.update("UPDATE login_failure SET failures = ?, window_start = ?, blocked_until = ? WHERE key = ?",
                            f.count(), f.windowStart(), f.blockedUntil(), key);
                }
            }
            return null;
        });
    }

    @Override
    public boolean trusted(String account, String address, Instant now) {
        return transactions.executeRead(status -> sql.one(
                "SELECT 1 FROM login_trusted_address WHERE account = ? AND address = ? AND trusted_until > ?",
                rs -> true, account, address, now).isPresent());
    }

    @Override
    public void trust(String account, String address, Instant until) {
        transactions.executeWrite(status -> sql.update("""
                INSERT INTO login_trusted_address (account, address, trusted_until) VALUES (?, ?, ?)
                ON CONFLICT (account, address) DO UPDATE SET trusted_until = excluded.trusted_until""",
                account, address, until));
    }

    /** Rows whose window and block are both over count for nothing any more. */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void prune() {
        Instant stale = Instant.now().minus(LoginThrottle.WINDOW).minus(LoginThrottle.MAX_BLOCK);
        // A block's end opens a window of its own (LoginThrottle.countSinceBlock): keep the row through it.
        Instant blockOver = Instant.now().minus(LoginThrottle.WINDOW);
        transactions.executeWrite(status -> sql.update(
                "DELETE FROM login_failure WHERE window_start < ? AND (blocked_until IS NULL OR blocked_until < ?)",
                stale, blockOver) + sql.update("DELETE FROM login_trusted_address WHERE trusted_until < now()"));
    }

    private static LoginThrottle.Failures failures(ResultSet rs) throws SQLException {
        return new LoginThrottle.Failures(rs.getInt("failures"), Sql.instant(rs, "window_start"),
                Sql.instant(rs, "blocked_until"));
    }
}
