package io.documind.kit.migrations;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which build is running: the service jar the JVM was started from ({@code java -jar}, its whole class path), named by
 * file name, size and modification time, so a rebuilt or replaced jar is another build. Read once, first thing in
 * {@code main} ({@link #capture}, from {@code KitApplication}), so a jar replaced on disk while this instance starts
 * is not taken for the one it runs. Empty anywhere else (tests, an IDE, a class path of several entries), and when
 * {@code documind.migrations.once-per-build} is false: then nothing is known to be the same build twice.
 */
@Singleton
public class RunningBuild {

    private static volatile Optional<String> captured = Optional.empty();

    private final boolean oncePerBuild;

    public RunningBuild(@Value("${documind.migrations.once-per-build:true}") boolean oncePerBuild) {
        this.oncePerBuild = oncePerBuild;
    }

    /** Notes the jar this JVM runs from; called by the services' {@code main} before anything else. */
    public static void capture() {
        runningAs(of(System.getProperty("java.class.path", "")));
    }

    /** What {@link #capture} found; a test sets it to stand in for a packaged jar. */
    static void runningAs(Optional<String> build) {
        captured = build;
    }

    public Optional<String> fingerprint() {
        return oncePerBuild ? captured : Optional.empty();
    }

    static Optional<String> of(String classPath) {
        if (classPath.isBlank() || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return Optional.empty();
        }
        try {
            Path jar = Path.of(classPath);
            return Optional.of(jar.getFileName() + ":" + Files.size(jar) + ":"
                    + Files.getLastModifiedTime(jar).toMillis());
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
