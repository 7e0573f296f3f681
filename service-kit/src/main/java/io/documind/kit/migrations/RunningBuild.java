package io.documind.kit.migrations;

import jakarta.inject.Singleton;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which build is running: the service jar the JVM was started from ({@code java -jar}, its whole class path), named by
 * file name, size and modification time, so a rebuilt or replaced jar is another build. Empty anywhere else (tests,
 * an IDE, a class path of several entries): there nothing is known to be the same build twice.
 */
@Singleton
public class RunningBuild {

    public Optional<String> fingerprint() {
        return of(System.getProperty("java.class.path", ""));
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
