package io.documind.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' Docker image as far as the tools outside it need to know: the JDK it runs, named once, in the
 * Dockerfile's {@code FROM}. {@code ./dev classlists} writes class lists only with that JDK (their format is the
 * JDK's own), and the test of the image's class archive judges a list by it.
 */
public final class ServiceImage {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+[\\w./-]+:(\\d+)");

    private ServiceImage() {
    }

    public static Path dockerfile(Path root) {
        return root.resolve("docker").resolve("service.Dockerfile");
    }

    /** The major version of the image's JDK: the tag of the Dockerfile's {@code FROM} (25 of {@code 25-jre-noble}). */
    public static int jdk(Path root) {
        Path dockerfile = dockerfile(root);
        try {
            Matcher from = FROM.matcher(Files.readString(dockerfile));
            if (!from.find()) {
                throw new IllegalStateException(dockerfile + " has no FROM naming a JDK version as its tag");
            }
            return Integer.parseInt(from.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
    }
}
