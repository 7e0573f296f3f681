package io.documind.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service's ahead-of-time cache on JDK 25+ (JEPs 483, 514, 515): the classes its runs load, already
 * parsed, verified and linked, and the training run's method profiles, so a start skips that work and the JIT starts
 * warm. The first run of a jar trains: it records what it used into a configuration of its own. Once it has ended,
 * having been ready (a start that failed would teach the wrong classes), {@link #create} turns the configuration
 * into the cache in a JVM of its own and moves it into place; the next runs start from it.
 *
 * <p>Why not the JDK's one-step {@code -XX:AOTCacheOutput}: it assembles the cache while the service exits (a
 * graceful stop takes seconds longer), keeps what a failed start recorded, and prints to the service's log, whose
 * lines must all be JSON. Why the run's own files: two instances training at once never write one file, and no JVM
 * maps a half-written cache.
 */
final class AheadOfTimeCache {

    /** The first JDK with the ahead-of-time cache's record and create modes and method profiles. */
    static final int SINCE = 25;
    /** Creating a cache takes a few seconds of CPU; past this something is wrong and the next start trains again. */
    private static final long CREATE_PATIENCE_SECONDS = 120;

    private final Path jar;
    private final Path cache;
    /** The training run's configuration; null when the cache exists and this run starts from it. */
    private final Path configuration;

    private AheadOfTimeCache(Path jar, Path cache, Path configuration) {
        this.jar = jar;
        this.cache = cache;
        this.configuration = configuration;
    }

    /** For a jar at {@link ServiceProcess#packagedJar}'s place on JDK 25+; empty otherwise. */
    static Optional<AheadOfTimeCache> forJar(Path jar) {
        if (Runtime.version().feature() < SINCE) {
            return Optional.empty();
        }
        return ServiceProcess.aheadOfTimeCache(jar).map(cache -> new AheadOfTimeCache(jar, cache,
                Files.isRegularFile(cache) ? null
                        : cache.resolveSibling(cache.getFileName() + "." + UUID.randomUUID() + ".aotconf")));
    }

    boolean training() {
        return configuration != null;
    }

    /**
     * The run's flags. The cache's messages are switched off: they are not JSON, and a cache that does not fit (other
     * flags) only means a start without it. A training run also hides the JVM's own console output, since it prints
     * where the configuration went when it exits (Java's stdout and stderr, the JSON log, are untouched).
     */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        if (training()) {
            options.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput", "-XX:AOTMode=record",
                    "-XX:AOTConfiguration=" + configuration));
        } else {
            options.add("-XX:AOTCache=" + cache);
        }
        options.add("-Xlog:aot*=off,cds*=off");
        return options;
    }

    /**
     * After the training run ended, having been ready: creates the cache with the run's own flags ({@code java}
     * {@code options}), then moves it into place unless another run's got there first. Blocks until done.
     */
    void create(String java, List<String> options) {
        Path part = cache.resolveSibling(configuration.getFileName().toString().replace(".aotconf", ".part"));
        try {
            if (!Files.isRegularFile(configuration) || Files.exists(cache)) {
                return;
            }
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(options);
            command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
                    "-XX:AOTCache=" + part, "-Xlog:aot*=off,cds*=off", "-cp", jar.toString()));
            Process create = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!create.waitFor(CREATE_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                create.destroyForcibly();
                return;
            }
            if (create.exitValue() == 0 && Files.isRegularFile(part) && Files.notExists(cache)) {
                Files.move(part, cache, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // another run's cache arrived meanwhile, or the directory went: the next start trains again if need be
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            discard(part);
        }
    }

    /** The training run's files, once used or when the run was never ready. */
    void discard() {
        discard(cache.resolveSibling(configuration.getFileName().toString().replace(".aotconf", ".part")));
    }

    private void discard(Path part) {
        try {
            Files.deleteIfExists(configuration);
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // removed an hour later by a later start (ServiceProcess.aheadOfTimeCache)
        }
    }
}
