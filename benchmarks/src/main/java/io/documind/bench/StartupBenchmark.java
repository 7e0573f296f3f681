package io.documind.bench;

import io.documind.bench.chaos.DiskSmtpSink;
import io.documind.bench.chaos.SoakRun;
import io.documind.localstack.ServiceProcess;
import io.documind.localstack.testing.TestIssuer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each packaged service started ALONE on the embedded infrastructure (Kafka, PostgreSQL, an SMTP sink, started once):
 * time from process launch to {@code /health/readiness} 200, and its RSS ({@code VmRSS}) after it has idled a few
 * seconds, beside the targets (issue 15: ≤ 3 s, ≤ 200 MB), and the CPU time it took to get ready, which a busy machine
 * does not stretch. Run 1 of a service meets an empty database (Flyway migrates it) and, where the JVM flags ask for
 * a class data archive, writes that archive when it stops; later runs are restarts, and the median compared with the
 * targets is theirs. The other services are not running: document-, invitation- and notification-service trust a
 * test issuer, so no org-service is needed. Prints figures; asserts nothing.
 *
 * <p>Run: {@code ./dev bench startup [runs per service] [idle seconds]} (defaults 4, 10); {@code DOCUMIND_BENCH_PARTS}
 * names the services to measure (comma-separated), else all four. Ten seconds because the JIT
 * still compiles for a few seconds after readiness and frees its arenas only then, so RSS read sooner is not idle RSS.
 *
 * <p>{@code DOCUMIND_BENCH_BASELINE_ROOT} (another checkout, packaged) compares this build's service with that one's
 * the fair way on a shared machine: the two start in turns, ABBA, on the same infrastructure (each build on a database
 * of its own), and the figures are the medians of each build's restarts and of the differences between the runs of
 * each pair, which a load that comes and goes over minutes touches less than it touches two separate runs of this
 * benchmark (on the two-core machine this was written on, the same jar's median start moved by 0.5 s and its CPU to
 * ready by 0.7 s between such runs).
 */
public final class StartupBenchmark {

    static final List<String> MODULES = List.of("org-service", "document-service", "invitation-service",
            "notification-service");
    private static final double TARGET_SECONDS = 3.0;
    /**
     * Issue 15 says 200 MB: 200,000,000 bytes, 190.7 MiB. Earlier versions of this benchmark compared with 200 MiB
     * (209.7 MB), a reading 5% kinder than the target's words.
     */
    private static final double TARGET_MIB = 200_000_000 / 1024.0 / 1024.0;
    /** Readiness is polled this often, so a start is timed to within this much. */
    private static final long POLL_MILLIS = 20;

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        // DOCUMIND_BENCH_PARTS=org-service (say) measures that service alone.
        Set<String> parts = BenchParts.chosen(String.join(",", MODULES));
        Path mailFile = Files.createTempFile("documind-startup", ".mail");
        try (BenchStack stack = new BenchStack(); TestIssuer issuer = TestIssuer.start();
             DiskSmtpSink sink = DiskSmtpSink.start(0, mailFile)) {
            System.out.printf("%n== one service alone: launch to /health/readiness 200, RSS after %d s idle;"
                    + " %d runs each (run 1: empty database, no class archive yet; the median is of runs 2-%d)%n",
                    idleSeconds, runs, runs);
            System.out.printf("%-22s %-24s %-24s %-18s %s%n", "service", "start s per run", "CPU s to ready",
                    "idle RSS MiB", "median of restarts vs target");
            String baselineSetting = System.getenv("DOCUMIND_BENCH_BASELINE_ROOT");
            Path baselineRoot = baselineSetting == null || baselineSetting.isBlank() ? null : Path.of(baselineSetting);
            for (String module : MODULES) {
                if (!parts.contains(module)) {
                    continue;
                }
                Runs current = new Runs();
                Runs baseline = new Runs();
                for (int run = 1; run <= runs; run++) {
                    // ABBA over the restarts (run 1, each build's first start, is left out of the pairs): which
                    // build starts first alternates from run 2 on, so with an odd number of runs each goes first
                    // equally often and neither always meets the other's leftovers.
                    boolean baselineFirst = baselineRoot != null && run > 1 && run % 2 == 1;
                    if (baselineFirst) {
                        baseline.add(startOnce(stack, baselineRoot, module, module + "-baseline-run" + run, issuer,
                                sink, idleSeconds));
                    }
                    current.add(startOnce(stack, null, module, module + "-run" + run, issuer, sink, idleSeconds));
                    if (baselineRoot != null && !baselineFirst) {
                        baseline.add(startOnce(stack, baselineRoot, module, module + "-baseline-run" + run, issuer,
                                sink, idleSeconds));
                    }
                }
                print(module, current, runs);
                if (baselineRoot != null) {
                    print(module + " (baseline)", baseline, runs);
                    // Run 1 of each build is a first start (see firstRestart): the pairs compared are the restarts'.
                    int from = firstRestart(runs);
                    System.out.printf("%-22s start %+.2f s, CPU to ready %+.2f s, idle RSS %+.1f MiB (medians of the"
                                    + " %d paired differences, this build minus %s)%n", "",
                            median(differences(current.seconds, baseline.seconds, from)),
                            median(differences(current.cpuSeconds, baseline.cpuSeconds, from)),
                            median(differences(current.mebibytes, baseline.mebibytes, from)), runs - from,
                            baselineRoot);
                }
            }
            System.out.printf("machine: %d cores, shared with PostgreSQL, Kafka and this load generator (and whatever"
                    + " else runs on it)%n", Runtime.getRuntime().availableProcessors());
        } finally {
            Files.deleteIfExists(mailFile);
        }
    }

    /** One start: seconds from launch to ready, the CPU seconds it took, RSS after idling. */
    private record Start(double seconds, double cpuSeconds, double mebibytes) {
    }

    /** One start of a service from this checkout ({@code root} null) or another. */
    private static Start startOnce(BenchStack stack, Path root, String module, String name, TestIssuer issuer,
                                      DiskSmtpSink sink, int idleSeconds) {
        Map<String, String> settings = settings(module, issuer, sink);
        ServiceProcess process = root == null ? stack.launch(module, name, settings)
                : stack.launch(root, module, module.replace('-', '_') + "_baseline", name, settings);
        double seconds = awaitReady(process);
        double cpu = cpuSeconds(process.pid());
        BenchStack.pause(idleSeconds * 1000L);
        double mebibytes = SoakRun.rssKiB(Path.of("/proc", String.valueOf(process.pid()), "status")) / 1024.0;
        stack.stop(process);
        return new Start(seconds, cpu, mebibytes);
    }

    /** A build's runs of one service, in order. */
    private static final class Runs {
        final List<Double> seconds = new ArrayList<>();
        final List<Double> cpuSeconds = new ArrayList<>();
        final List<Double> mebibytes = new ArrayList<>();

        void add(Start run) {
            seconds.add(run.seconds());
            cpuSeconds.add(run.cpuSeconds());
            mebibytes.add(run.mebibytes());
        }
    }

    /**
     * Run 1 is a first start after a build (empty database, no class archive yet): a different case from the restarts
     * a deployment makes, so it is shown but left out of medians and pairs when there are restarts to take them from
     * (with 3 runs the median of all would be the slower restart).
     */
    private static int firstRestart(int runs) {
        return runs > 1 ? 1 : 0;
    }

    private static void print(String service, Runs runs, int count) {
        int from = firstRestart(count);
        double medianSeconds = median(runs.seconds.subList(from, count));
        double medianMib = median(runs.mebibytes.subList(from, count));
        System.out.printf("%-22s %-24s %-24s %-18s %.2f s (target ≤ %.0f s) %s, %.0f MiB = %.0f MB (target ≤ 200 MB = %.1f MiB) %s%n",
                service, join(runs.seconds.stream().map(s -> String.format("%.2f", s)).toList()),
                join(runs.cpuSeconds.stream().map(s -> String.format("%.1f", s)).toList()),
                join(runs.mebibytes.stream().map(m -> String.format("%.0f", m)).toList()),
                medianSeconds, TARGET_SECONDS, medianSeconds <= TARGET_SECONDS ? "met" : "MISSED",
                medianMib, medianMib * 1024 * 1024 / 1_000_000, TARGET_MIB,
                medianMib <= TARGET_MIB ? "met" : "MISSED");
    }

    /** {@code a[i] - b[i]} for the runs from {@code from} on. */
    static List<Double> differences(List<Double> a, List<Double> b, int from) {
        List<Double> differences = new ArrayList<>();
        for (int i = from; i < a.size(); i++) {
            differences.add(a.get(i) - b.get(i));
        }
        return differences;
    }

    static Map<String, String> settings(String module, TestIssuer issuer, DiskSmtpSink sink) {
        Map<String, String> settings = new HashMap<>();
        settings.put("DOCUMIND_ISSUER", "org-service".equals(module) ? "http://127.0.0.1:{port}/oidc" : issuer.issuer());
        settings.put("SMTP_HOST", "127.0.0.1");
        settings.put("SMTP_PORT", String.valueOf(sink.port()));
        return settings;
    }

    /** Seconds from launch until readiness answers 200; fails with the end of the log if it exits or takes 120 s. */
    private static double awaitReady(ServiceProcess process) {
        long deadline = process.startedNanos() + 120_000_000_000L;
        while (!process.isReady()) {
            if (process.exitCode().isPresent() || System.nanoTime() > deadline) {
                process.awaitReady(java.time.Duration.ZERO); // throws, naming the service with its log's last lines
            }
            BenchStack.pause(POLL_MILLIS);
        }
        return (System.nanoTime() - process.startedNanos()) / 1e9;
    }

    /**
     * CPU seconds (user + system, all threads) the process has used: on a shared machine the wall-clock start
     * stretches with the load, this does not.
     */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
            // utime 14 and stime 15, in clock ticks (100 a second on Linux).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (java.io.IOException gone) {
            return -1;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String join(List<String> values) {
        return String.join(" ", values);
    }
}
