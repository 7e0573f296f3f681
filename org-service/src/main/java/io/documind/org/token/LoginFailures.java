package io.documind.org.token;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** {@link LoginThrottle}'s counts in the org database, shared by every instance; row locks, taken in key order, make each update atomic over all its keys. */
@Singleton
public class LoginFailures implements LoginThrottle.Store {

    private final TransactionOperations<Connection> transactions;
    private final LoginFailureRepository failures;

    public LoginFailures(TransactionOperations<Connection> transactions, LoginFailureRepository failures) {
        this.transactions = transactions;
        this.failures = failures;
    }

    @Override
    public void update(List<String> keys, UnaryOperator<Map<String, LoginThrottle.Failures>> change) {
        List<String> sorted = keys.stream().sorted().toList(); // one lock order for everyone: no deadlock
        transactions.executeWrite(status -> {
            // Each key's row locked and read in one statement (see LoginFailureRepository.lock).
            Map<String, LoginThrottle.Failures> current = new HashMap<>();
            for (String key : sorted) {
                LoginThrottle.Failures locked = failures.lock(key).counted();
                if (locked.count() > 0) {
                    current.put(key, locked);
                }
            }
            Map<String, LoginThrottle.Failures> next = change.apply(current);
            for (String key : sorted) {
                LoginThrottle.Failures f = next.get(key);
                if (f == null) {
                    failures.forget(key);
                } else {
                    failures.store(key, f.count(), f.windowStart(), f.blockedUntil());
                }
            }
            return null;
        });
    }

    @Override
    public boolean trusted(String account, String address, Instant now) {
        return transactions.executeRead(status -> failures.trusted(account, address, now));
    }

    @Override
    public void trust(String account, String address, Instant until) {
        transactions.executeWrite(status -> {
            failures.trust(account, address, until);
            return null;
        });
    }

    /** Rows whose window and block are both over count for nothing any more. */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void prune() {
        Instant stale = Instant.now().minus(LoginThrottle.WINDOW).minus(LoginThrottle.MAX_BLOCK);
        // A block's end opens a window of its own (LoginThrottle.countSinceBlock): keep the row through it.
        Instant blockOver = Instant.now().minus(LoginThrottle.WINDOW);
        transactions.executeWrite(status -> failures.deleteOver(stale, blockOver) + failures.deleteUntrusted());
    }
}
