package io.documind.bench.chaos;

import io.documind.bench.BenchStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./dev chaos [scenario...]}: the whole system as separate processes under steady mixed traffic, one fault
 * at a time; one line per scenario; exit 1 if anything was lost, doubled or answered 5xx (a 503 only in a database
 * outage) or took longer than the target (10 s, {@code --converge-target=SECONDS}) to converge after a fault.
 * Scenarios: kafka, postgres, postgres-long, smtp, smtp-long, kill-org-service, kill-document-service,
 * kill-invitation-service, kill-notification-service (default: all, in that order). Under each line: what came
 * last and when each hop of its way happened ({@link Timeline}).
 *
 * <p>Time is compressed by configuration (see {@link #SETTINGS}); any {@code DOCUMIND_*} variable in this
 * process's environment is passed on to every service and overrides these.
 */
public final class ChaosRun {

    /** Traffic before the fault, and after it ends before the traffic stops. */
    private static final Duration BEFORE = Duration.ofSeconds(10);
    private static final Duration AFTER = Duration.ofSeconds(15);
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    /** Issue 16: whatever was promised before a fault's end is seen within this after it. */
    private static final Duration CONVERGE_TARGET = Duration.ofSeconds(10);
    private static final String TARGET_OPTION = "--converge-target=";
    private static final Duration KAFKA_DOWN = Duration.ofSeconds(45);
    /**
     * Longer than the consumers' outage ceiling (documind.consumer.outage-ceiling, 1 min): events held through it
     * must wait for the database, not be dead-lettered as failing on their own.
     */
    private static final Duration POSTGRES_LONG_DOWN = Duration.ofSeconds(90);
    private static final Duration SMTP_DOWN = Duration.ofSeconds(30);
    /** "30 minutes" against a retry window compressed 15 times (see SETTINGS). */
    private static final Duration SMTP_LONG_DOWN = Duration.ofSeconds(120);
    private static final int WORKERS = 2;
    private static final long PACE_MILLIS = 400;

    /**
     * Time compressed: a failed send is retried after 1 s doubling to 8 s (defaults 10 s to 5 min), so 120 s of SMTP
     * outage is many more attempts than the old 8-attempt limit allowed (it stands for a 30-minute outage) and the
     * mail waiting when SMTP returns goes within seconds; a transient failure is retried for `retry-for` (5 days by
     * default), so none is given up. The claim lease stays the default 10 s, renewed by a heartbeat while a send is
     * in flight. Invitation-email limits are raised: traffic is not abuse.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "DOCUMIND_NOTIFICATION_DELIVERY_INITIAL_BACKOFF", "1s",
            "DOCUMIND_NOTIFICATION_DELIVERY_MAX_BACKOFF", "8s",
            "DOCUMIND_SMTP_CONNECT_TIMEOUT", "2s",
            "DOCUMIND_SMTP_READ_TIMEOUT", "2s",
            "DOCUMIND_SMTP_WRITE_TIMEOUT", "2s",
            "DOCUMIND_NOTIFICATION_RATE_LIMITS_INVITATIONS_PER_ORGANIZATION", "1000",
            "DOCUMIND_NOTIFICATION_RATE_LIMITS_INVITATIONS_PER_RECIPIENT", "1000");

    private record Scenario(String key, String name, Fault fault, int allowedDuplicates, boolean databaseOutage, Duration settle) {
    }

    @FunctionalInterface
    private interface Fault {
        void inject(ChaosStack stack);
    }

    private ChaosRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Scenario> all = scenarios();
        List<Scenario> chosen = new ArrayList<>();
        Duration target = CONVERGE_TARGET;
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(TARGET_OPTION)) {
                target = Duration.ofMillis(Math.round(Double.parseDouble(arg.substring(TARGET_OPTION.length())) * 1000));
            } else {
                names.add(arg);
            }
        }
        for (String name : names.isEmpty() ? all.keySet() : names) {
            if (!all.containsKey(name)) {
                System.err.println("chaos: unknown scenario " + name + "; known: " + all.keySet());
                System.exit(2);
            }
            chosen.add(all.get(name));
        }
        Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("DOCUMIND_")) {
                settings.put(k, v);
            }
        });
        Path root = Path.of(System.getProperty("documind.root", "."));
        boolean passed = true;
        List<String> lines = new ArrayList<>();
        ChaosStack stack = new ChaosStack(root, settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        System.out.println("chaos: processes, data and logs in " + stack.work);
        System.out.println("chaos: settings " + settings);
        stack.startAll();
        SinkMailbox mailbox = new SinkMailbox(stack.mailFile);
        for (Scenario scenario : chosen) {
            Outcome outcome = run(stack, mailbox, scenario, target);
            Verdict verdict = outcome.verdict();
            lines.add(verdict.line());
            System.out.println(verdict.line());
            System.out.println("    last to converge: " + verdict.slowest());
            outcome.timeline().forEach(t -> System.out.println("    " + t));
            verdict.problems().forEach(p -> System.out.println("    " + p));
            verdict.tally().firstAnswers().forEach((status, what) -> System.out.println("    first " + status + ": "
                    + (what.length() > 300 ? what.substring(0, 300) + "..." : what)));
            passed &= verdict.passed();
        }
        System.out.println("\n== chaos: " + (passed ? "PASS" : "FAIL") + " (converge target " + target.toMillis() / 1000.0
                + " s after the fault ends)");
        lines.forEach(System.out::println);
        System.exit(passed ? 0 : 1);
    }

    /** A scenario's verdict and where its catch-up spent its time. */
    private record Outcome(Verdict verdict, List<String> timeline) {
    }

    private static Outcome run(ChaosStack stack, SinkMailbox mailbox, Scenario scenario, Duration target) {
        Tally tally = new Tally();
        Ledger ledger = new Ledger();
        Map<String, String> urls = new LinkedHashMap<>();
        ChaosStack.MODULES.forEach(m -> urls.put(m, stack.url(m)));
        String tag = scenario.key().replace("-", "");
        Traffic traffic = new Traffic(urls, mailbox, tag, tally, ledger, PACE_MILLIS);
        System.out.println("chaos: " + scenario.name() + " ...");
        traffic.start(WORKERS);
        BenchStack.pause(BEFORE.toMillis());
        scenario.fault().inject(stack);
        long faultEnded = System.currentTimeMillis();
        BenchStack.pause(AFTER.toMillis());
        traffic.stop();
        traffic.converge(CONVERGE);
        // Copies sent again after a kill come once the dead sender's claim runs out.
        BenchStack.pause(scenario.settle().toMillis());
        Verdict verdict = Verdict.of(scenario.name(), tally, ledger, traffic.mails(), faultEnded,
                scenario.allowedDuplicates(), scenario.databaseOutage(), target.toMillis());
        return new Outcome(verdict, new Timeline(stack::database, faultEnded, tag)
                .describe(verdict.slowestEmail(), verdict.slowestCopy()));
    }

    /** Killed, kept down for a while, started again (same port, same data). */
    private static Fault down(Fault kill, Duration downFor, Fault start) {
        return stack -> {
            kill.inject(stack);
            BenchStack.pause(downFor.toMillis());
            start.inject(stack);
        };
    }

    private static Map<String, Scenario> scenarios() {
        Map<String, Scenario> all = new LinkedHashMap<>();
        Duration settle = Duration.ofSeconds(3);
        all.put("kafka", new Scenario("kafka", "kafka down 45 s",
                down(ChaosStack::killKafka, KAFKA_DOWN, ChaosStack::startKafka), 0, false, settle));
        all.put("postgres", new Scenario("postgres", "postgres restarted", stack -> {
            stack.stopPostgres();
            stack.startPostgres();
        }, 0, true, settle));
        all.put("postgres-long", new Scenario("postgres-long", "postgres down 90 s",
                down(ChaosStack::stopPostgres, POSTGRES_LONG_DOWN, ChaosStack::startPostgres), 0, true, settle));
        all.put("smtp", new Scenario("smtp", "smtp down 30 s",
                down(ChaosStack::killSink, SMTP_DOWN, ChaosStack::startSink), 0, false, settle));
        all.put("smtp-long", new Scenario("smtp-long", "smtp down 120 s (\"30 min\")",
                down(ChaosStack::killSink, SMTP_LONG_DOWN, ChaosStack::startSink), 0, false, settle));
        for (String module : ChaosStack.MODULES) {
            boolean sends = module.equals("notification-service");
            all.put("kill-" + module, new Scenario("kill-" + module, module + " SIGKILL + restart", stack -> {
                stack.killService(module);
                stack.startService(module);
            }, sends ? 1 : 0, false, sends ? Duration.ofSeconds(35) : settle));
        }
        return all;
    }
}
