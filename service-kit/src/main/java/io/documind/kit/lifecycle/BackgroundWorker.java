package io.documind.kit.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A loop on a platform thread of its own (the event consumer, the outbox relay, a delivery worker), stopped
 * the way a service stops: first asked to finish the work in hand and end ({@link #stopGracefully()}, which
 * also cuts short a {@link #pause}), then, if it has not ended when its time is up, interrupted
 * ({@link #stopNow}). The loop checks {@link #isRunning()} between units of work.
 */
public final class BackgroundWorker {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWorker.class);
    /** After an interrupt: enough for a loop to unwind, not enough to hold up the stop. */
    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(2);

    private final String name;
    private final Object lock = new Object();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean running;
    private volatile Thread thread;

    public BackgroundWorker(String name) {
        this.name = name;
    }

    public void start(Runnable loop) {
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(() -> {
            try {
                loop.run();
            } catch (RuntimeException e) {
                LOG.error("{} ended unexpectedly", name, e);
            } finally {
                running = false;
                ended.complete(null);
            }
        });
    }

    /** False once a stop was asked for: the loop finishes the unit in hand and returns. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Waits up to {@code pause}, returning early when a stop is asked for.
     *
     * @return whether the worker is still to run
     */
    public boolean pause(Duration pause) throws InterruptedException {
        long deadline = System.nanoTime() + pause.toNanos();
        synchronized (lock) {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        return running;
    }

    /** Asks the loop to end after the work in hand; completes once it has (at once when it never started). */
    public CompletionStage<Void> stopGracefully() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        return thread == null ? CompletableFuture.completedFuture(null) : ended.copy();
    }

    /**
     * Stops for good: asks as {@link #stopGracefully()} does, waits up to {@code patience} for the loop to end,
     * then interrupts it and waits a moment more.
     *
     * @return whether the loop has ended
     */
    public boolean stopNow(Duration patience) throws InterruptedException {
        stopGracefully();
        Thread t = thread;
        if (t == null || t.join(patience)) {
            return true;
        }
        LOG.warn("{} did not stop within {}; interrupting it", name, patience);
        t.interrupt();
        return t.join(AFTER_INTERRUPT);
    }
}
