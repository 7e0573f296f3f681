package io.documind.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/** How long each event hop of a journey took (action → visible effect), printed when the journey ends. */
final class Hops {

    private final Map<String, Long> millis = new LinkedHashMap<>();

    /** Polls {@code probe} until {@code done} (60 s at most) and records how long that took under {@code hop}. */
    <T> T timed(String hop, Supplier<T> probe, Predicate<T> done) {
        long start = System.nanoTime();
        T result = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(probe::get, done::test);
        millis.put(hop, (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    void print(String journey) {
        System.out.println("\n== " + journey + ": event hops (action → visible effect)");
        millis.forEach((hop, ms) -> System.out.printf("  %-62s %6d ms%n", hop, ms));
    }
}
