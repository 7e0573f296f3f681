package io.documind.bench;

import java.util.ArrayList;
import java.util.List;

/** One configuration's measured runs in a side-by-side benchmark, and their figures combined. */
final class Side {

    final String name;
    private final List<ClosedLoop.Run> runs = new ArrayList<>();

    Side(String name) {
        this.name = name;
    }

    void add(ClosedLoop.Run run) {
        runs.add(run);
    }

    long answers() {
        return runs.stream().mapToLong(r -> r.latencies().count()).sum();
    }

    long refusals() {
        return runs.stream().mapToLong(ClosedLoop.Run::refusals).sum();
    }

    /** The first refusal's message, or empty. */
    String firstRefusal() {
        return runs.stream().map(ClosedLoop.Run::firstRefusal).filter(m -> !m.isEmpty()).findFirst().orElse("");
    }

    double perSecond() {
        double seconds = runs.stream().mapToLong(ClosedLoop.Run::elapsedNanos).sum() / 1e9;
        return seconds == 0 ? 0 : answers() / seconds;
    }

    double percentileMillis(double p) {
        return Latencies.merge(runs.stream().map(ClosedLoop.Run::latencies).toList()).percentileMillis(p);
    }

    double serverCpuMillisPerAnswer() {
        return perAnswer(runs.stream().mapToLong(ClosedLoop.Run::serverCpuNanos).sum());
    }

    /** The JIT compilers' share of the server's CPU over the measured runs: near 0 when the server was warm. */
    double jitShare() {
        return JitWarmUp.share(runs.stream().mapToLong(ClosedLoop.Run::serverJitNanos).sum(),
                runs.stream().mapToLong(ClosedLoop.Run::serverCpuNanos).sum());
    }

    double databaseCpuMillisPerAnswer() {
        return perAnswer(runs.stream().mapToLong(ClosedLoop.Run::databaseCpuNanos).sum());
    }

    private double perAnswer(long nanos) {
        long answers = answers();
        return answers == 0 ? 0 : nanos / 1e6 / answers;
    }

    /** One line of figures; the database's CPU only when it is a process of its own (else it is in the server's). */
    String figures(String unit) {
        String database = databaseCpuMillisPerAnswer() > 0
                ? String.format(" (+ PostgreSQL %.2f ms)", databaseCpuMillisPerAnswer()) : "";
        String refused = refusals() > 0 ? String.format("%n    %d refused, the first: %s", refusals(), firstRefusal())
                : "";
        return String.format("%-44s %8.1f %s/s  p50 %8.2f ms  p99 %8.2f ms  server CPU %6.2f ms per %s (JIT %.1f%%)"
                        + "%s%s", name, perSecond(), unit, percentileMillis(50), percentileMillis(99),
                serverCpuMillisPerAnswer(), unit, 100 * jitShare(), database, refused);
    }

    /** The side with the highest rate: "Keycloak's best configuration". */
    static Side fastest(List<Side> sides) {
        return sides.stream().max(java.util.Comparator.comparingDouble(Side::perSecond)).orElseThrow();
    }

    /** "2.10x (target ≥ 3.0x: not met)". */
    static String againstTarget(double value, String comparison, double target) {
        boolean met = comparison.equals("≥") ? value >= target : value <= target;
        return String.format("%.2fx (target %s %.1fx: %s)", value, comparison, target, met ? "met" : "not met");
    }
}
