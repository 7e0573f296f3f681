package io.documind.bench.chaos;

import io.documind.bench.BenchStack;
import io.documind.bench.Latencies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./dev bench soak [minutes] [clients]} (defaults 10, 3): the packaged services on the embedded stack
 * ({@link BenchStack}, SMTP the {@link DiskSmtpSink}) under the chaos run's mixed workload without pauses: sign-ups
 * and sign-ins, organizations, token refreshes, documents written and read, invitations and accepts. Prints a line
 * a minute (requests/s, p99, errors, each service's RSS) and the totals, then checks every promised effect and
 * email arrived. Prints figures; exits 1 only if something was lost or an error answered.
 */
public final class SoakRun {

    private SoakRun() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path mailFile = Files.createTempFile("documind-soak", ".mail");
        try (BenchStack stack = new BenchStack(); DiskSmtpSink sink = DiskSmtpSink.start(0, mailFile)) {
            Map<String, String> urls = start(stack, sink.port());
            Map<String, Long> pids = stack.pids();
            Map<String, Long> rssAtStart = rss(pids);
            Tally tally = new Tally();
            Ledger ledger = new Ledger();
            Traffic traffic = new Traffic(urls, new SinkMailbox(mailFile), "soak", tally, ledger, 0);
            System.out.printf("%n== soak: %d min, %d clients, mixed workload; RSS at start %s%n", minutes, clients,
                    format(rssAtStart));
            System.out.printf("%-6s %9s %9s %9s %-24s %s%n", "minute", "requests", "per s", "p99 ms", "errors", "RSS MiB");
            Latencies all = new Latencies();
            long start = System.nanoTime();
            traffic.start(clients);
            long requestsBefore = 0;
            for (int minute = 1; minute <= minutes; minute++) {
                BenchStack.pause(Math.max(0, start + minute * 60_000_000_000L - System.nanoTime()) / 1_000_000);
                Latencies period = traffic.takeLatencies();
                all = Latencies.merge(List.of(all, period));
                long requests = tally.requests();
                System.out.printf("%-6d %9d %9.1f %9.1f %-24s %s%n", minute, requests - requestsBefore,
                        (requests - requestsBefore) / 60.0, period.percentileMillis(99), tally.errors(), format(rss(pids)));
                requestsBefore = requests;
            }
            traffic.stop();
            double seconds = (System.nanoTime() - start) / 1e9;
            all = Latencies.merge(List.of(all, traffic.takeLatencies()));
            Map<String, Long> rssAtEnd = rss(pids);
            traffic.converge(Duration.ofSeconds(60));
            Verdict verdict = Verdict.of("soak", tally, ledger, traffic.mails(), 0, 0, false, Long.MAX_VALUE);
            System.out.printf("%ntotal: %d requests in %.0f s = %.1f requests/s, p50 %.1f ms, p99 %.1f ms, 2xx %d,"
                            + " waits %d, errors %s%n", tally.requests(), seconds, tally.requests() / seconds,
                    all.percentileMillis(50), all.percentileMillis(99), tally.ok(), tally.waits(), tally.errors());
            System.out.printf("effects promised %d, seen %d, lost %d, doubled %d%n", verdict.expected(), verdict.seen(),
                    verdict.lost(), verdict.doubled());
            System.out.println("RSS MiB at start " + format(rssAtStart) + ", at end " + format(rssAtEnd));
            System.out.printf("machine: %d cores, shared by the load generator, the four services, PostgreSQL and Kafka%n",
                    Runtime.getRuntime().availableProcessors());
            boolean clean = verdict.lost() == 0 && verdict.doubled() == 0 && tally.errors().isEmpty();
            System.exit(clean ? 0 : 1);
        } finally {
            Files.deleteIfExists(mailFile);
        }
    }

    private static Map<String, String> start(BenchStack stack, int smtpPort) {
        Map<String, String> urls = new LinkedHashMap<>();
        String org = stack.start("org-service", Map.of("DOCUMIND_ISSUER", "http://127.0.0.1:{port}/oidc",
                "DOCUMIND_MANAGEMENT_CLIENT_ID", "soak-m2m", "DOCUMIND_MANAGEMENT_CLIENT_SECRET", "soak-secret-0123456789"));
        urls.put("org-service", org);
        for (String module : List.of("document-service", "invitation-service", "notification-service")) {
            Map<String, String> settings = new HashMap<>();
            settings.put("DOCUMIND_ISSUER", org + "/oidc");
            settings.put("SMTP_HOST", "127.0.0.1");
            settings.put("SMTP_PORT", String.valueOf(smtpPort));
            // Traffic, not abuse: each organization invites a few people a minute.
            settings.put("DOCUMIND_NOTIFICATION_RATE_LIMITS_INVITATIONS_PER_ORGANIZATION", "1000");
            urls.put(module, stack.start(module, settings));
        }
        return urls;
    }

    private static Map<String, Long> rss(Map<String, Long> pids) {
        Map<String, Long> rss = new LinkedHashMap<>();
        pids.forEach((name, pid) -> rss.put(name, rssKiB(Path.of("/proc", String.valueOf(pid), "status"))));
        return rss;
    }

    /** VmRSS of a /proc/<pid>/status file in KiB; -1 when the process is gone. */
    public static long rssKiB(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong).findFirst().orElse(-1);
        } catch (IOException gone) {
            return -1;
        }
    }

    private static String format(Map<String, Long> rss) {
        return rss.entrySet().stream().map(e -> e.getKey().replace("-service", "") + "=" + e.getValue() / 1024)
                .collect(Collectors.joining(" "));
    }
}
