package io.documind.system;

import io.documind.localstack.ServiceImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Docker image's class data archive, made the way {@code docker/service.Dockerfile} makes it: the same script on
 * the packaged jar and the committed class list (no Docker engine here, so the image itself is not built). Also that
 * each committed list still names the classes of its service's jar: one that has fallen far behind the code would
 * leave most classes to be loaded from the jar, and the image would start as slowly as without it.
 */
class ImageClassArchiveTest {

    private static final Path ROOT = Path.of(System.getProperty("documind.root", "..")).toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("docker").resolve("class-archive.sh");
    private static final String JAVA_BIN = Path.of(System.getProperty("java.home"), "bin").toString();

    @Test
    void theScriptMakesAnArchiveTheServiceJarStartsWithHoldingItsOwnClasses(@TempDir Path dir) throws Exception {
        // The image names the jar /app/service.jar both when it makes the archive and when it runs: one path here too.
        Path jar = Files.copy(RunningService.packagedJar("org-service"), dir.resolve("service.jar"));
        Path archive = dir.resolve("service.jsa");

        Run made = run(dir, "sh", SCRIPT.toString(), list("org-service").toString(), jar.toString(),
                archive.toString());

        if (Runtime.version().feature() != ServiceImage.jdk(ROOT)) {
            // A list is in the format of the JDK that wrote it (the image's): another JDK's dump may refuse it, and
            // then the script must fail the build, never hand the image a slow start without saying so.
            assertTrue(made.exit() == 0 || made.output().contains("run ./dev classlists with the image's JDK")
                    && !Files.exists(archive), made.output());
            if (made.exit() != 0) {
                return;
            }
        }
        assertEquals(0, made.exit(), made.output());
        assertTrue(made.output().contains("from " + list("org-service")), made.output());
        Run shared = run(dir, JAVA_BIN + "/java", "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit", "-jar", jar.toString());
        assertEquals(0, shared.exit(), shared.output());
        assertTrue(shared.output().contains("archive is valid"), shared.output());
        assertTrue(shared.output().contains("io.documind.org.Application"),
                "the service's main class comes from the archive");
        assertTrue(shared.output().contains("io.micronaut.context.DefaultApplicationContext"));
    }

    @Test
    void withoutAClassListTheImageStillGetsAnArchiveOfTheJdksClasses(@TempDir Path dir) throws Exception {
        Path jar = Files.copy(RunningService.packagedJar("document-service"), dir.resolve("service.jar"));
        Path archive = dir.resolve("service.jsa");

        Run made = run(dir, "sh", SCRIPT.toString(), dir.resolve("absent.classlist.gz").toString(), jar.toString(),
                archive.toString());

        assertEquals(0, made.exit(), made.output());
        assertTrue(made.output().contains("WARNING no class list"), made.output());
        Run shared = run(dir, JAVA_BIN + "/java", "-XX:SharedArchiveFile=" + archive,
                "-XX:+PrintSharedArchiveAndExit", "-jar", jar.toString());
        assertEquals(0, shared.exit(), shared.output());
        assertTrue(shared.output().contains("java.lang.Object"), shared.output());
        assertFalse(shared.output().contains("io.documind"), "no class of the service without its list: "
                + shared.output().lines().filter(l -> l.contains("io.documind")).limit(3).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"org-service", "document-service", "invitation-service", "notification-service"})
    void theCommittedClassListStillNamesTheServicesClasses(String module) throws IOException {
        Set<String> listed = listedClasses(list(module));
        Set<String> inJar;
        try (ZipFile zip = new ZipFile(RunningService.packagedJar(module).toFile())) {
            inJar = zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length())).collect(Collectors.toSet());
        }
        List<String> ours = listed.stream().filter(c -> c.startsWith("io/documind/")).toList();
        long gone = ours.stream().filter(c -> !inJar.contains(c)).count();

        assertTrue(ours.size() > 100, module + "'s list names " + ours.size() + " of its classes");
        assertTrue(gone * 10 <= ours.size(), module + ": " + gone + " of the " + ours.size()
                + " DocuMind classes its list names are no longer in the jar; run ./dev classlists and commit");
    }

    private static Path list(String module) {
        return ROOT.resolve("docker").resolve("classlists").resolve(module + ".classlist.gz");
    }

    /** The class names of a JDK class list (its other lines: comments, lambda proxies, invokers). */
    private static Set<String> listedClasses(Path list) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(list))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("@"))
                    .map(l -> l.split(" ")[0]).collect(Collectors.toSet());
        }
    }

    private record Run(int exit, String output) {
    }

    /** Runs a command with this JVM's java first on the PATH (the script calls {@code java}, as in the image). */
    private static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "run", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("PATH", JAVA_BIN + ":" + builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("not finished within 2 minutes: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
