package io.documind.org.identity;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where Argon2id runs: a bounded pool of platform threads, as many as the cores by default, with a bounded queue.
 * Requests run on virtual threads, whose carriers are as few as the cores: a CPU-bound hash there holds a
 * carrier for its whole ~50 ms and starves every other request (sign-ins queued behind each other without order,
 * p99 far above p50). Here the waiting request parks its virtual thread, hashes run first come first served, and
 * when the queue is full the caller is told to come back ({@link PasswordHashingBusyException}, a 503) instead of
 * waiting without bound.
 */
@Singleton
public class PasswordHashing {

    private final ThreadPoolExecutor pool;

    public PasswordHashing(@Value("${documind.identity.password-hashing.threads:0}") int threads,
                           @Value("${documind.identity.password-hashing.queue:32}") int queue) {
        int size = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)),
                task -> {
                    Thread thread = Thread.ofPlatform().daemon().name("password-hashing-" + count.incrementAndGet())
                            .unstarted(task);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Refuses now when the queue is full, before the caller counts the attempt (the sign-in throttle counts a
     * failure before the check): a busy server should not cost the user a failed sign-in. Only a queue that fills
     * between this and {@link #run} still does.
     */
    public void refuseWhenFull() {
        if (pool.getQueue().remainingCapacity() == 0) {
            throw new PasswordHashingBusyException();
        }
    }

    /** Runs {@code work} on the pool and waits for it; throws {@link PasswordHashingBusyException} when full. */
    public <T> T run(Supplier<T> work) {
        Future<T> result;
        try {
            result = pool.submit(work::get);
        } catch (RejectedExecutionException e) {
            throw new PasswordHashingBusyException();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a password hash", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
