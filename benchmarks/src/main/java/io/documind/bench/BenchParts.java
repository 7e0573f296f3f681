package io.documind.bench;

import java.util.Set;

/**
 * Which parts of a benchmark to run: {@code DOCUMIND_BENCH_PARTS} (or the system property
 * {@code documind.bench.parts}), comma-separated, else all of them. One part alone is for profiling or re-measuring
 * one row without waiting for the others.
 */
final class BenchParts {

    private BenchParts() {
    }

    static Set<String> chosen(String all) {
        return Set.of(System.getProperty("documind.bench.parts",
                System.getenv().getOrDefault("DOCUMIND_BENCH_PARTS", all)).split(","));
    }
}
