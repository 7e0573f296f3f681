package io.documind.bench;

import java.time.Duration;
import java.util.List;

/**
 * Warms a server up until its JIT compilers go quiet, so what a benchmark measures next is the warm server and not
 * HotSpot's C2 compiler. A fixed warm-up of a few seconds is not enough on a 2-core machine: under org-service's
 * organization-token load its compiler threads took 2.6 ms of CPU per token in the first 10 s (150 tokens/s) and
 * fell below 5% of its CPU only after 90-100 s (470 tokens/s, 2.2 ms per token); C2 inlines Micronaut's and Netty's
 * deep call chains into methods it takes 0.5-1.3 s to compile, one after another (measured 4 December 2026).
 *
 * <p>Load runs in rounds: each round gives every load one {@link #WINDOW} in turn. The server is warm when, over a
 * whole round, its compiler threads used at most {@link #QUIET_SHARE} of its CPU; after {@link #LIMIT} the benchmark
 * goes on and says so. Every side of a comparison is warmed by this same rule.
 */
final class JitWarmUp {

    static final Duration WINDOW = Duration.ofSeconds(10);
    static final double QUIET_SHARE = 0.05;
    static final Duration LIMIT = Duration.ofSeconds(240);

    /** Load for a span of time: one kind of request from all of a benchmark's clients. */
    @FunctionalInterface
    interface Load {
        void run(Duration span) throws Exception;
    }

    /** How a warm-up ended: seconds of load, and the compilers' share of the server's CPU in its last round. */
    record Outcome(String name, long seconds, double lastShare) {
        boolean quiet() {
            return JitWarmUp.quiet(lastShare);
        }

        @Override
        public String toString() {
            return String.format("warm-up of %s: %d s of load; in the last round the JIT compilers took %.1f%% of its"
                            + " CPU (quiet at <= %.0f%%)%s", name, seconds, 100 * lastShare, 100 * QUIET_SHARE,
                    quiet() ? "" : ": NOT quiet after " + LIMIT.toSeconds() + " s, measured anyway");
        }
    }

    private JitWarmUp() {
    }

    static Outcome untilQuiet(String name, ServerCpu server, List<Load> loads) throws Exception {
        long seconds = 0;
        double share;
        do {
            long cpuBefore = server.nanos();
            long jitBefore = server.compilerNanos();
            for (Load load : loads) {
                load.run(WINDOW);
                seconds += WINDOW.toSeconds();
            }
            share = share(server.compilerNanos() - jitBefore, server.nanos() - cpuBefore);
        } while (!quiet(share) && seconds < LIMIT.toSeconds());
        return new Outcome(name, seconds, share);
    }

    /** The rule every warm-up stops by: the compilers took at most {@link #QUIET_SHARE} of the CPU. */
    static boolean quiet(double share) {
        return share <= QUIET_SHARE;
    }

    static double share(long jitNanos, long cpuNanos) {
        return cpuNanos <= 0 ? 0 : (double) jitNanos / cpuNanos;
    }
}
