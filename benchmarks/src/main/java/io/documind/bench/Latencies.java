package io.documind.bench;

import java.util.Arrays;

/** Latencies of one measured run, in nanoseconds; per thread and merged at the end, or shared (synchronized). */
public final class Latencies {

    private long[] samples = new long[1 << 14];
    private int count;

    public synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies p : parts) {
            for (int i = 0; i < p.count; i++) {
                all.record(p.samples[i]);
            }
        }
        return all;
    }

    public synchronized int count() {
        return count;
    }

    /** The p-th percentile (0-100) in milliseconds. */
    public synchronized double percentileMillis(double p) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
    }
}
