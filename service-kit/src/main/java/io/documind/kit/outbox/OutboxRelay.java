package io.documind.kit.outbox;

import io.documind.kit.Backoff;
import io.documind.kit.lifecycle.BackgroundWorker;
import io.documind.kit.lifecycle.Shutdown;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Publishes committed outbox rows (DESIGN §6) on a thread of its own: {@link OutboxWakeUp} wakes it on a commit's
 * NOTIFY (or after the poll interval), {@link OutboxPublisher} publishes what is pending. While Kafka is away rows
 * wait and the relay backs off, up to {@code documind.outbox.max-backoff}; they go once it is back. Pruning and
 * metrics are scheduled chores of their own ({@link OutboxPruning}, {@link OutboxMetrics}).
 *
 * <p>It keeps publishing through the graceful phase of a stop (in-flight requests and the consumer's last
 * events still commit rows), and stops in the closing phase, before the producer and the datasource: it ends
 * the batch in hand and publishes what is pending once more, so those rows do not wait for another instance
 * or the next start. Rows it leaves are published by whichever relay runs next.
 */
@Context
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Longest the closing phase of a stop gives the relay to end its batch and publish what is pending. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

    private final OutboxPublisher publisher;
    private final OutboxWakeUp wakeUp;
    private final OutboxConfiguration config;
    private final Backoff backoff;
    private final Shutdown shutdown;
    private final BackgroundWorker worker = new BackgroundWorker("outbox-relay");

    public OutboxRelay(OutboxPublisher publisher, OutboxWakeUp wakeUp, OutboxConfiguration config, Shutdown shutdown) {
        this.publisher = publisher;
        this.wakeUp = wakeUp;
        this.config = config;
        this.shutdown = shutdown;
        this.backoff = new Backoff(Duration.ofMillis(200), config.getMaxBackoff());
    }

    @PostConstruct
    void start() {
        if (!config.isRelayEnabled()) {
            LOG.info("Outbox relay disabled (documind.outbox.relay-enabled=false)");
            return;
        }
        worker.start(this::run);
    }

    /** The closing phase of a stop: end the batch in hand, publish what is pending, stop. */
    @PreDestroy
    void stop() throws InterruptedException {
        worker.stopNow(shutdown.patience(STOP_PATIENCE));
    }

    private void run() {
        try {
            relayUntilStopped();
        } finally {
            wakeUp.release();
        }
        publishRemaining();
    }

    private void relayUntilStopped() {
        int failures = 0;
        int previous = 0;
        while (worker.isRunning()) {
            try {
                wakeUp.listen(); // before publishing: a commit made meanwhile must still wake the wait below
                int published = publisher.publishPending(worker::isRunning);
                failures = 0;
                boolean linger = busy(previous, published, config.getLinger());
                previous = published;
                if (linger) {
                    // Let the commits arriving meanwhile gather into one batch. Their NOTIFYs are read and dropped
                    // after the pause (the next pass, which starts after that, sees those rows), so they do not
                    // pile up on the listening connection while the relay stays busy.
                    if (!lingered(config.getLinger())) {
                        return;
                    }
                    wakeUp.discard();
                } else {
                    wakeUp.await(config.getPollInterval());
                }
            } catch (KafkaUnavailableException e) {
                // Kafka's trouble, not the listener's: keep listening; what is notified meanwhile is pending anyway.
                if (!backOff(e, ++failures)) {
                    return;
                }
                discardNotifications();
            } catch (Exception e) {
                if (!worker.isRunning()) {
                    return;
                }
                wakeUp.release();
                if (!backOff(e, ++failures)) {
                    return;
                }
            }
        }
    }

    /**
     * More than one row in each of two passes in a row: commits keep coming faster than a pass takes, so waiting a
     * little makes the next batch larger. One pass with two rows is not enough: one transaction may write two events,
     * and the event that follows them (another service's effect, awaited by a user) should not wait. One row or none
     * is the quiet case, where the next commit's NOTIFY is awaited as usual.
     */
    static boolean busy(int previous, int published, Duration linger) {
        return previous > 1 && published > 1 && !linger.isZero() && !linger.isNegative();
    }

    /** @return whether to go on (false once interrupted: the stop ran out of time) */
    private boolean lingered(Duration linger) {
        try {
            worker.pause(linger);
            return true;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return whether to go on (false once interrupted) */
    private boolean backOff(Exception e, int failures) {
        Duration pause = backoff.delay(failures);
        LOG.warn("Outbox relay failed ({}); retrying in {} ms", OutboxParking.describe(e), pause.toMillis());
        try {
            worker.pause(pause);
            return !Thread.currentThread().isInterrupted();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void discardNotifications() {
        try {
            wakeUp.discard();
        } catch (Exception e) {
            LOG.debug("Outbox listener lost ({}); the next pass listens again", OutboxParking.describe(e));
        }
    }

    /** Stopping: one last pass for rows committed since the last one, unless the stop already ran out of time. */
    private void publishRemaining() {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        try {
            publisher.publishPending(() -> !Thread.currentThread().isInterrupted());
        } catch (Exception e) {
            LOG.info("Outbox relay stopped with rows pending ({}); the next relay publishes them",
                    OutboxParking.describe(e));
        }
    }
}
