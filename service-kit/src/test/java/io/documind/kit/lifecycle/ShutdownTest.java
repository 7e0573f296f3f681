package io.documind.kit.lifecycle;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bound on a stop, in JVMs of their own (a halt would end the test's JVM). */
class ShutdownTest {

    @Test
    void aStopThatHangsIsHaltedAtItsTimeout() throws Exception {
        long started = System.nanoTime();
        Process process = run(HangingStop.class);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ended although its stop hangs");
        assertEquals(Shutdown.OVERRUN_STATUS, process.exitValue());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(HangingStop.TIMEOUT) >= 0,
                "not before the timeout");
    }

    @Test
    void aStopThatEndsIsNotHeldOrHaltedByTheWatchdog() throws Exception {
        Process process = run(QuickStop.class);
        // Well before the stop's timeout: the watchdog never holds a JVM that is done.
        assertTrue(process.waitFor(QuickStop.TIMEOUT.toSeconds() / 2, TimeUnit.SECONDS), "exited promptly");
        assertEquals(0, process.exitValue());
    }

    @Test
    void aTimeoutNoLongerThanTheGracePeriodIsRefusedAtStart() {
        assertThrows(IllegalStateException.class,
                () -> new Shutdown(Duration.ofSeconds(20), true, Duration.ofSeconds(20)));
    }

    private static Process run(Class<?> main) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** A process whose stop never ends by itself: one of its shutdown hooks waits forever. */
    static final class HangingStop {
        static final Duration TIMEOUT = Duration.ofSeconds(2);

        public static void main(String[] args) {
            new Shutdown(TIMEOUT, false, Duration.ZERO);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new CountDownLatch(1).await(); // stuck, as a close() waiting on a dead peer would be
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.exit(0);
        }
    }

    /** A process whose stop is quick. */
    static final class QuickStop {
        static final Duration TIMEOUT = Duration.ofSeconds(30);

        public static void main(String[] args) {
            new Shutdown(TIMEOUT, false, Duration.ZERO);
            System.exit(0);
        }
    }
}
