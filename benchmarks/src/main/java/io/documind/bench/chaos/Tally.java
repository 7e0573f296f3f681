package io.documind.bench.chaos;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Requests of one scenario: how many, how many 2xx, the rest by status ("io" when no answer came). */
final class Tally {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, String> firstAnswers = new TreeMap<>();

    void answered(int status) {
        requests.incrementAndGet();
        if (status >= 200 && status < 300) {
            ok.incrementAndGet();
        } else {
            error(String.valueOf(status));
        }
    }

    /** As {@link #answered(int)}, keeping the first body of each error status to show what it said. */
    void answered(int status, String what) {
        answered(status);
        if (status >= 300) {
            synchronized (this) {
                firstAnswers.putIfAbsent(String.valueOf(status), what);
            }
        }
    }

    synchronized Map<String, String> firstAnswers() {
        return new TreeMap<>(firstAnswers);
    }

    /** An answer the client expects while an event is on its way (e.g. 403 before a membership exists). */
    void waited() {
        requests.incrementAndGet();
        waits.incrementAndGet();
    }

    /** No answer: connection refused or reset, or a timeout. */
    void unanswered() {
        requests.incrementAndGet();
        error("io");
    }

    private synchronized void error(String key) {
        errors.merge(key, 1L, Long::sum);
    }

    long requests() {
        return requests.get();
    }

    long ok() {
        return ok.get();
    }

    long waits() {
        return waits.get();
    }

    synchronized Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }

    /** 5xx answers other than 503 (a 503 is allowed only where the scenario expects an outage answer). */
    synchronized long serverErrors(boolean allow503) {
        return errors.entrySet().stream()
                .filter(e -> e.getKey().startsWith("5") && !(allow503 && e.getKey().equals("503")))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
