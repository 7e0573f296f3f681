package io.documind.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Behind {@code ./dev up} and {@code ./dev reset}:
 * <pre>
 *   up    --root &lt;repoRoot&gt; [--infra-only]   start Kafka, PostgreSQL, SMTP and the four services; Ctrl-C stops all
 *   reset --root &lt;repoRoot&gt;                  delete &lt;repoRoot&gt;/.local (all local data)
 * </pre>
 * {@code --infra-only} starts just the infrastructure, e.g. to run the services from an IDE.
 */
public final class LocalStackLauncher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String USAGE = "usage: LocalStackLauncher up --root <repoRoot> [--infra-only] | reset --root <repoRoot>";

    // No static Logger here: logging must be configured (Invocation.configureLogging) before the first one exists.
    private LocalStackLauncher() {
    }

    public static void main(String[] args) {
        try {
            Invocation invocation = Invocation.parse(List.of(args));
            invocation.configureLogging();
            invocation.execute(System.getenv());
        } catch (LauncherException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(1);
        }
    }

    /** A parsed command line. Logging is configured separately, since a test JVM has its own. */
    record Invocation(String command, Path root, boolean infraOnly) {

        static Invocation parse(List<String> args) {
            List<String> rest = new ArrayList<>(args);
            String command = rest.isEmpty() ? "" : rest.removeFirst();
            if (!command.equals("up") && !command.equals("reset")) {
                throw new LauncherException(USAGE);
            }
            Path root = takeRoot(rest);
            boolean infraOnly = rest.remove("--infra-only");
            if (!rest.isEmpty()) {
                throw new LauncherException("unknown arguments " + rest + System.lineSeparator() + USAGE);
            }
            return new Invocation(command, root, infraOnly);
        }

        void execute(Map<String, String> env) {
            if (command.equals("up")) {
                up(root, infraOnly, env);
            } else {
                reset(root);
            }
        }

        /**
         * up: infrastructure logs to .local/logs/local-stack.log, so the terminal shows only our lines and errors;
         * reset: warnings only (it deletes that directory). Must run before the first Logger is created.
         */
        void configureLogging() {
            String config = "quiet-logback.xml";
            if (command.equals("up")) {
                config = "launcher-logback.xml";
                System.setProperty("documind.localstack.log", new LocalData(root).logsDir().resolve("local-stack.log").toString());
            }
            System.setProperty("logback.configurationFile", "io/documind/localstack/" + config);
        }
    }

    private static void up(Path root, boolean infraOnly, Map<String, String> env) {
        LocalData data = new LocalData(root);
        data.requireNoRunningLauncher();
        Ports ports = Ports.fromEnvironment(env);
        ports.requireFree(LocalStack.portsToBind(env, !infraOnly));
        Map<Service, Path> jars = infraOnly ? Map.of() : requireJars(root);

        data.claim();
        Path infrastructureLog = data.logsDir().resolve("local-stack.log");
        System.out.println("local-stack: starting Kafka, PostgreSQL and SMTP (log: " + infrastructureLog + ")");
        LocalStack stack = new LocalStack(data, ports, env);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local-stack: stopping");
            stack.close();
        }, "local-stack-shutdown"));
        try {
            stack.startInfrastructure();
            if (!infraOnly) {
                System.out.println("local-stack: starting the four services (up to " + READY_TIMEOUT.toSeconds() + " s)");
                stack.startServices(jars);
                stack.awaitReady(READY_TIMEOUT);
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e instanceof LauncherException ? e : new LauncherException("start failed: " + e + " (details in " + infrastructureLog + ")");
        }
        Banner.print(System.out, stack, !infraOnly);
        awaitShutdown();
    }

    private static void reset(Path root) {
        LocalData data = new LocalData(root);
        List<String> wiped = data.wipe();
        System.out.println(wiped.isEmpty()
                ? "local-stack: nothing to wipe (" + data.dir() + " does not exist)"
                : "local-stack: wiped " + data.dir() + " (" + String.join(", ", wiped) + ")");
    }

    private static Map<Service, Path> requireJars(Path root) {
        Map<Service, Path> jars = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Path jar = service.jar(root);
            if (!Files.isRegularFile(jar)) {
                throw new LauncherException(service.module + " is not built (" + jar + " is missing). Run ./mvnw package -DskipTests first (./dev up does this).");
            }
            jars.put(service, jar);
        }
        return jars;
    }

    private static Path takeRoot(List<String> args) {
        int index = args.indexOf("--root");
        if (index < 0 || index + 1 >= args.size()) {
            throw new LauncherException(USAGE);
        }
        Path root = Path.of(args.get(index + 1)).toAbsolutePath().normalize();
        args.subList(index, index + 2).clear();
        if (!Files.isDirectory(root)) {
            throw new LauncherException("--root " + root + " is not a directory");
        }
        return root;
    }

    /** The shutdown hook does the work; main only has to stay alive until Ctrl-C. */
    private static void awaitShutdown() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
