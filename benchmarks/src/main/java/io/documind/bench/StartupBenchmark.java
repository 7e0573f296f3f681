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
            for (String module : MODULES) {
                if (!parts.contains(module)) {
                    continue;
                }
                List<Double> seconds = new ArrayList<>();
                List<Double> cpuSeconds = new ArrayList<>();
                List<Long> mebibytes = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    ServiceProcess process = stack.launch(module, module + "-run" + run, settings(module, issuer, sink));
                    seconds.add(awaitReady(process));
                    cpuSeconds.add(cpuSeconds(process.pid()));
                    BenchStack.pause(idleSeconds * 1000L);
                    mebibytes.add(SoakRun.rssKiB(Path.of("/proc", String.valueOf(process.pid()), "status")) / 1024);
                    stack.stop(process);
                }
                // Run 1 is a first start after a build (empty database, no class archive yet): a different case
                // from the restarts a deployment makes, so it is shown but left out of the median when there are
                // restarts to take it from (with 3 runs the median of all would be the slower restart).
                int from = runs > 1 ? 1 : 0;
                double medianSeconds = median(seconds.subList(from, runs));
                double medianMib = median(mebibytes.subList(from, runs).stream().map(Long::doubleValue).toList());
                System.out.printf("%-22s %-24s %-24s %-18s %.2f s (target ≤ %.0f s) %s, %.0f MiB = %.0f MB (target ≤ 200 MB = %.1f MiB) %s%n",
                        module, join(seconds.stream().map(s -> String.format("%.2f", s)).toList()),
                        join(cpuSeconds.stream().map(s -> String.format("%.1f", s)).toList()),
                        join(mebibytes.stream().map(String::valueOf).toList()),
                        medianSeconds, TARGET_SECONDS, medianSeconds <= TARGET_SECONDS ? "met" : "MISSED",
                        medianMib, medianMib * 1024 * 1024 / 1_000_000, TARGET_MIB,
                        medianMib <= TARGET_MIB ? "met" : "MISSED");
            }
            System.out.printf("machine: %d cores, shared with PostgreSQL, Kafka and this load generator (and whatever"
                    + " else runs on it)%n", Runtime.getRuntime().availableProcessors());
        } finally {
            Files.deleteIfExists(mailFile);
        }
    }

    private static Map<String, String> settings(String module, TestIssuer issuer, DiskSmtpSink sink) {
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
