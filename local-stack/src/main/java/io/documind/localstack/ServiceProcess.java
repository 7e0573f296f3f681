package io.documind.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One service as a child JVM whose stdout and stderr go to its own log file. Used by the launcher and by
 * the black-box system tests, which run the packaged services exactly as an operator would.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** How much of its log a service that failed to become ready shows. */
    private static final int LOG_LINES_ON_FAILURE = 40;

    final String name;
    final Path log;
    private final int port;
    private final Process process;
    private final long startedNanos = System.nanoTime();

    private ServiceProcess(String name, Path log, int port, Process process) {
        this.name = name;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    /**
     * The runnable jar {@code ./mvnw package} builds for a service module under the repository root: each
     * service's pom names it after the module, without the version.
     */
    public static Path packagedJar(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + ".jar");
    }

    /**
     * A service's JVM as a small container would run it (README, Operations: start-up and memory). The heap is
     * bounded and starts small (otherwise it starts at a 64th of the machine's memory, all of 384 MB here, and the
     * young generation is touched whole before the first collection, which is idle RSS for nothing); the serial
     * collector needs no concurrent GC threads or G1's remembered sets, which on two cores and a few hundred MB of
     * heap cost more memory than they save pause time. Class data sharing: the first run of a packaged jar writes
     * an archive of the classes it loaded under {@code <root>/.local/cds/} when it stops, and later runs map it
     * instead of parsing and verifying those classes again (JDK 19+; a rebuilt jar gets an archive of its own, see
     * {@link #classDataArchive}).
     */
    static List<String> jvmOptions(Path jar) {
        return jvmOptions(jar, System.getenv().getOrDefault(EXTRA_JVM_OPTIONS, ""));
    }

    /**
     * Names the environment variable whose options, split at white space, follow ours (a value given again wins),
     * so a reader can profile or try a flag on the services {@code ./dev up} and the benchmarks start without
     * editing code. An agent there ({@code -agentpath}, {@code -agentlib}, {@code -javaagent}) turns class data
     * sharing off for that run: the JVM will not write an archive with an agent loaded.
     */
    static final String EXTRA_JVM_OPTIONS = "DOCUMIND_SERVICE_JVM_OPTIONS";

    static List<String> jvmOptions(Path jar, String extra) {
        List<String> added = extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
        boolean agent = added.stream().anyMatch(o -> o.startsWith("-agentpath") || o.startsWith("-agentlib")
                || o.startsWith("-javaagent"));
        List<String> options = new ArrayList<>(List.of("-Xms32m", "-Xmx384m", "-XX:+UseSerialGC"));
        if (trimsNativeHeap(Runtime.version())) {
            // glibc keeps what the JVM freed (start-up's compiler arenas, class parsing buffers) as RSS for ever;
            // a periodic malloc_trim hands it back: 15-20 MiB of idle RSS per service, measured.
            options.add(TRIM_NATIVE_HEAP);
        }
        classDataArchive(jar).filter(archive -> !agent).ifPresent(archive -> {
            options.add("-XX:SharedArchiveFile=" + archive);
            options.add("-XX:+AutoCreateSharedArchive");
            // The archive leaves out classes it cannot hold (proxies, JFR events, optional integrations whose
            // dependencies are absent) and warns about each on stdout, which is the service's JSON log.
            options.add("-Xlog:cds*=error");
        });
        options.addAll(added);
        return options;
    }

    static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=5000";

    /**
     * Whether the JVM knows {@link #TRIM_NATIVE_HEAP} as a product flag: since JDK 22 and 21.0.3 (JDK-8325496).
     * Earlier 21 updates refuse to start with it (experimental there, absent in 21.0.0), so they go without.
     */
    static boolean trimsNativeHeap(Runtime.Version version) {
        return version.feature() > 21 || version.feature() == 21 && version.update() >= 3;
    }

    /**
     * {@code <root>/.local/cds/<module>-<jar size>-<jar modified>.jsa} for a jar at {@link #packagedJar}'s place, or
     * empty elsewhere (the directory is created here: the JVM does not create it). The name follows the jar because
     * JDK 25 does not rewrite an archive whose jar was rebuilt: it reports a class path mismatch, runs without
     * sharing, and leaves the stale file for every later run (seen: a week of start-ups without CDS). A new jar gets
     * a new name, which {@code -XX:+AutoCreateSharedArchive} writes when that run stops; the module's older
     * archives are deleted.
     */
    static Optional<Path> classDataArchive(Path jar) {
        Path target = jar.toAbsolutePath().getParent();
        if (target == null || !target.getFileName().toString().equals("target") || target.getParent() == null
                || target.getParent().getParent() == null) {
            return Optional.empty();
        }
        String module = target.getParent().getFileName().toString();
        Path directory = target.getParent().getParent().resolve(".local").resolve("cds");
        try {
            Files.createDirectories(directory);
            String name = Files.exists(jar)
                    ? module + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa"
                    : module + ".jsa";
            try (var archives = Files.newDirectoryStream(directory, module + "*.jsa")) {
                for (Path old : archives) {
                    if (!old.getFileName().toString().equals(name) && isArchiveOf(module, old)) {
                        Files.deleteIfExists(old);
                    }
                }
            }
            return Optional.of(directory.resolve(name));
        } catch (IOException e) {
            return Optional.empty(); // read-only checkout: run without the archive
        }
    }

    /** {@code <module>.jsa} or {@code <module>-<digits>-<digits>.jsa}: not another module whose name starts alike. */
    private static boolean isArchiveOf(String module, Path archive) {
        String name = archive.getFileName().toString();
        return name.equals(module + ".jsa") || name.matches(Pattern.quote(module) + "-\\d+-\\d+\\.jsa");
    }

    /** Runs {@code <this JVM's java> <}{@link #jvmOptions}{@code > -jar <jar>} with the given environment added to ours. */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions(jar));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // glibc gives each thread that allocates its own 64 MB malloc arena; two are plenty for a JVM, whose heap
        // is its own, and keep tens of MB of idle RSS away.
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(env);
        try {
            return new ServiceProcess(name, log, port, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    /** {@link System#nanoTime()} when the process was launched. */
    public long startedNanos() {
        return startedNanos;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Asks for a graceful stop and waits up to the timeout before killing what is left. */
    public void stop(Duration timeout) {
        requestStop();
        awaitStop(System.nanoTime() + timeout.toNanos());
    }

    public long pid() {
        return process.pid();
    }

    /** The exit code once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    void onExit(Runnable action) {
        process.onExit().thenRun(action);
    }

    /** GET /health/readiness answers 200. */
    public boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the service is ready.
     *
     * @throws IllegalStateException when it exits first or is not ready within the timeout; the message names
     *                               the service and ends with the last lines of its log
     */
    public void awaitReady(Duration timeout) {
        boolean ready = Poll.until(timeout, () -> exitCode().isPresent() || isReady());
        if (ready && exitCode().isEmpty()) {
            return;
        }
        String what = exitCode().isPresent() ? "exited with code " + exitCode().getAsInt()
                : "was not ready " + Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + " s after it started";
        throw new IllegalStateException(name + " " + what + ". Last " + LOG_LINES_ON_FAILURE + " lines of " + log + ":"
                + System.lineSeparator() + String.join(System.lineSeparator(), lastLogLines(LOG_LINES_ON_FAILURE)));
    }

    public List<String> lastLogLines(int count) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /** SIGTERM to the service and anything it started, so it can shut down gracefully. */
    public void requestStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** SIGKILL, as a crash or the OOM killer ends a process: no shutdown hook, no goodbye to Kafka. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** Waits up to the timeout for the process to end by itself: its exit code, or empty while it still runs. */
    public OptionalInt awaitExit(Duration timeout) {
        try {
            process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exitCode();
    }

    /** Waits until the deadline for a graceful exit, then kills what is left. */
    public void awaitStop(long deadlineNanos) {
        long remaining = Math.max(0, deadlineNanos - System.nanoTime());
        try {
            process.waitFor(remaining, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
