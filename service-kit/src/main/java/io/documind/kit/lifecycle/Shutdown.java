package io.documind.kit.lifecycle;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The bound on a stopping service. A stop (SIGTERM) runs in two phases:
 * <ol>
 *   <li>Micronaut's graceful shutdown (on in the kit's defaults), for up to its grace period: the HTTP server
 *       stops accepting connections and lets in-flight requests finish, while the background workers (each a
 *       {@link io.micronaut.runtime.graceful.GracefulShutdownCapable}) take no new work and finish what they
 *       hold: the event consumer commits what it applied and leaves its group, a sweep ends its batch, an email
 *       being handed over has its outcome recorded.</li>
 *   <li>The beans close, each before what it uses: the outbox relay publishes what the last requests and
 *       events committed, the Kafka producer closes, the datasource closes last.</li>
 * </ol>
 * {@code documind.shutdown.timeout} bounds the whole stop, counted from the moment it begins: the second phase
 * interrupts a worker that has not ended by then, and a process still stopping once it has passed halts
 * (status {@value #OVERRUN_STATUS}) instead of waiting for a SIGKILL.
 */
@Context
public class Shutdown {

    /** Exit status of a process whose stop overran its timeout (a normal SIGTERM exit is 143). */
    public static final int OVERRUN_STATUS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final Duration timeout;
    private final Thread jvmExitHook;
    private volatile long deadline;
    private volatile boolean begun;

    public Shutdown(@Value("${documind.shutdown.timeout:25s}") Duration timeout,
                    @Value("${micronaut.lifecycle.graceful-shutdown.enabled:false}") boolean graceful,
                    @Value("${micronaut.lifecycle.graceful-shutdown.grace-period:15s}") Duration gracePeriod) {
        if (graceful && timeout.compareTo(gracePeriod) <= 0) {
            throw new IllegalStateException("documind.shutdown.timeout (DOCUMIND_SHUTDOWN_TIMEOUT, " + timeout
                    + ") must be longer than the grace period (DOCUMIND_SHUTDOWN_GRACE_PERIOD, " + gracePeriod
                    + "): after in-flight work the service still has to close");
        }
        this.timeout = timeout;
        // The JVM is exiting (SIGTERM): the stop begins now, whatever Micronaut's own hook does first.
        this.jvmExitHook = new Thread(this::guardJvmExit, "documind-shutdown");
        Runtime.getRuntime().addShutdownHook(jvmExitHook);
    }

    /** What is left of the stop's time; the stop begins at the first call if nothing began it before. */
    public Duration remaining() {
        begin();
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** How long a part of the stop may wait: at most {@code atMost}, and never past the stop's deadline. */
    public Duration patience(Duration atMost) {
        Duration left = remaining();
        return left.compareTo(atMost) < 0 ? left : atMost;
    }

    private synchronized void begin() {
        if (!begun) {
            deadline = System.nanoTime() + timeout.toNanos();
            begun = true;
        }
    }

    private void guardJvmExit() {
        begin();
        // A daemon thread: the JVM halts as usual once every shutdown hook has ended, watchdog or not.
        Thread.ofPlatform().daemon().name("documind-shutdown-watchdog").start(() -> {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
            LOG.error("Still stopping {} after the stop began (documind.shutdown.timeout); halting", timeout);
            Runtime.getRuntime().halt(OVERRUN_STATUS);
        });
    }

    @PreDestroy
    void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(jvmExitHook);
        } catch (IllegalStateException jvmExiting) {
            // the hook has run or is running: it guards this very stop
        }
    }
}
