package io.documind.kit.outbox;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay wakes on a commit's NOTIFY at once, and otherwise after its poll interval. */
class OutboxWakeUpTest {

    @Test
    void aCommitWakesTheWaitAndWithoutOneTheWaitLastsThePollInterval() throws Exception {
        try (ApplicationContext context = OutboxTable.quietContext(Map.of())) {
            OutboxTable table = new OutboxTable(context);
            OutboxWakeUp wakeUp = new OutboxWakeUp(context.getBean(DataSource.class));
            try {
                wakeUp.listen();
                Duration quiet = time(() -> wakeUp.await(Duration.ofMillis(400)));
                assertTrue(quiet.toMillis() >= 400, "no commit: the wait is the fallback poll, " + quiet);

                table.insert("'{}'", "NULL"); // committed after listen(), before the wait: still wakes it
                Duration woken = time(() -> wakeUp.await(Duration.ofSeconds(30)));
                assertTrue(woken.toMillis() < 10_000, "woken by the commit's NOTIFY, " + woken);

                wakeUp.discard();
                Duration afterDiscard = time(() -> wakeUp.await(Duration.ofMillis(400)));
                assertTrue(afterDiscard.toMillis() >= 400, "a discarded notification wakes nothing, " + afterDiscard);
            } finally {
                wakeUp.release();
            }
        }
    }

    private static Duration time(Wait wait) throws Exception {
        long start = System.nanoTime();
        wait.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private interface Wait {
        void run() throws Exception;
    }
}
