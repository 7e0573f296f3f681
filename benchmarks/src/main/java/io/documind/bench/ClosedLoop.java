package io.documind.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load generator: each client (a platform thread) sends its next request as soon as the last one
 * answered, for a span of time. Both sides of a side-by-side run go through this one class, so they see the same
 * client overhead.
 */
public final class ClosedLoop {

    /** One request of client {@code client} (0 to clients-1); throws when the server refused it. */
    @FunctionalInterface
    public interface Request {
        void send(int client) throws Exception;
    }

    /**
     * What one run measured: answers, their latencies, wall time, refusals (the first one's message) and the CPU
     * time the server (and of that, its JIT compilers: a warm server's is small) and, when it is a process of its
     * own, its database spent over it.
     */
    public record Run(Latencies latencies, long elapsedNanos, long serverCpuNanos, long serverJitNanos,
                      long databaseCpuNanos,
                      long refusals, String firstRefusal) {
        /** The JIT compilers' share of the server's CPU over the run: near 0 when the server was warm. */
        public double jitShare() {
            return JitWarmUp.share(serverJitNanos, serverCpuNanos);
        }
    }

    private ClosedLoop() {
    }

    public static Run run(int clients, Duration span, Request request, ServerCpu server) throws Exception {
        return run(clients, span, request, server, ServerCpu.NONE);
    }

    public static Run run(int clients, Duration span, Request request, ServerCpu server, ServerCpu database)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long cpuBefore = server.nanos();
            long jitBefore = server.compilerNanos();
            long databaseBefore = database.nanos();
            long start = System.nanoTime();
            long until = start + span.toNanos();
            AtomicLong refusals = new AtomicLong();
            AtomicReference<String> firstRefusal = new AtomicReference<>("");
            List<Future<Latencies>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    Latencies latencies = new Latencies();
                    while (System.nanoTime() < until) {
                        long begin = System.nanoTime();
                        try {
                            request.send(client);
                            latencies.record(System.nanoTime() - begin);
                        } catch (IllegalStateException refused) {
                            // An answer of 4xx/5xx: counted and shown, not a latency; the client goes on (its
                            // refresh token was not spent by a refused request).
                            refusals.incrementAndGet();
                            firstRefusal.compareAndSet("", refused.getMessage());
                        }
                    }
                    return latencies;
                }));
            }
            List<Latencies> parts = new ArrayList<>();
            for (Future<Latencies> f : futures) {
                parts.add(f.get());
            }
            long elapsed = System.nanoTime() - start;
            return new Run(Latencies.merge(parts), elapsed, server.nanos() - cpuBefore,
                    server.compilerNanos() - jitBefore,
                    database.nanos() - databaseBefore, refusals.get(), firstRefusal.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
