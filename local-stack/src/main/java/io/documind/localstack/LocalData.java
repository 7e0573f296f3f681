package io.documind.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The local stack's state under {@code <root>/.local}: Kafka and PostgreSQL data, service logs, its keys, and a pid
 * file naming the running launcher and its service processes. The pid file lets us refuse a second
 * launcher and, after a launcher was killed outright (no shutdown hook ran), stop what it left behind.
 */
final class LocalData {

    private static final String LAUNCHER = "launcher";
    private static final String CHILD = "child";
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Path dir;

    LocalData(Path root) {
        this.dir = root.resolve(".local").toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    Path kafkaDir() {
        return dir.resolve("kafka");
    }

    Path postgresDir() {
        return dir.resolve("postgres");
    }

    Path logsDir() {
        return dir.resolve("logs");
    }

    /** The invitation-link key pair of this local stack, made on first use (see {@link LinkKeys}). */
    LinkKeys linkKeys() {
        return LinkKeys.keptIn(this);
    }

    /** notification-service's sealing key of this local stack, made on first use (see {@link SealingKey}). */
    SealingKey sealingKey() {
        return SealingKey.keptIn(this);
    }

    /**
     * Secrets kept in a file of their own under .local (readable by the owner only), made on first use, so what
     * was sealed with them before a restart still opens after it.
     */
    Properties keptSecrets(String fileName, String what, Supplier<Properties> make) {
        Path file = dir.resolve(fileName);
        try {
            Properties p = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    p.load(in);
                }
                return p;
            }
            p = make.get();
            Files.createDirectories(dir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "LOCAL ONLY: " + what + " (./dev reset makes a new one)");
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + what + " in " + file, e);
        }
    }

    private Path pidFile() {
        return dir.resolve("launcher.pid");
    }

    /** Refuses if a launcher is running; otherwise stops processes a killed launcher left behind. */
    void requireNoRunningLauncher() {
        Optional<ProcessHandle> launcher = recorded(LAUNCHER).findFirst();
        if (launcher.isPresent()) {
            throw new LauncherException("A local stack is already running (launcher pid " + launcher.get().pid()
                    + "). Stop it with Ctrl-C in its terminal, or: kill " + launcher.get().pid());
        }
        stopOrphans();
    }

    /** Marks this launcher as running; {@link #release()} undoes it. */
    void claim() {
        try {
            Files.createDirectories(logsDir());
            Files.writeString(pidFile(), LAUNCHER + " " + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void recordChild(long pid) {
        try {
            Files.writeString(pidFile(), CHILD + " " + pid + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void release() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes everything under .local and returns what was there (top-level names), empty if nothing. */
    List<String> wipe() {
        requireNoRunningLauncher();
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> top = Files.list(dir); Stream<Path> all = Files.walk(dir)) {
            List<String> names = top.map(path -> path.getFileName().toString()).sorted().toList();
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private void stopOrphans() {
        // Services first (they hold database connections), then a PostgreSQL that outlived its launcher.
        List<ProcessHandle> orphans = Stream.concat(recorded(CHILD), orphanPostmaster().stream())
                .filter(process -> !process.equals(ProcessHandle.current()))
                .toList();
        for (ProcessHandle orphan : orphans) {
            System.out.println("local-stack: stopping pid " + orphan.pid() + " left behind by an earlier launcher: "
                    + orphan.info().commandLine().orElse("?"));
            orphan.destroy();
            orphan.onExit().completeOnTimeout(orphan, ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
            if (orphan.isAlive()) {
                orphan.destroyForcibly();
            }
        }
        release();
    }

    /** Live processes recorded under the given role that still look like ours (pids get reused). */
    private Stream<ProcessHandle> recorded(String role) {
        if (!Files.exists(pidFile())) {
            return Stream.empty();
        }
        try {
            return Files.readAllLines(pidFile()).stream()
                    .map(line -> line.split(" "))
                    .filter(parts -> parts.length == 2 && parts[0].equals(role))
                    .flatMap(parts -> liveProcess(parts[1], "java").stream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PostgreSQL records its postmaster's pid on the first line of postmaster.pid while it runs. */
    private Optional<ProcessHandle> orphanPostmaster() {
        Path postmasterPid = postgresDir().resolve("postmaster.pid");
        try {
            if (!Files.exists(postmasterPid)) {
                return Optional.empty();
            }
            return Files.readAllLines(postmasterPid).stream().findFirst()
                    .flatMap(pid -> liveProcess(pid.trim(), "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ProcessHandle> liveProcess(String pid, String commandContains) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().orElse("").contains(commandContains));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
