package io.documind.bench;

import io.documind.bench.chaos.DiskSmtpSink;
import io.documind.localstack.ServiceImage;
import io.documind.localstack.ServiceProcess;
import io.documind.localstack.testing.TestIssuer;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes {@code docker/classlists/<module>.classlist.gz}, the classes each packaged service loads when it restarts,
 * from which the Docker image makes its class data archive at build time ({@code docker/class-archive.sh}).
 *
 * <p>Why a list made here: the JDK's static archive ({@code -Xshare:dump}) needs only the jar and a class list, where
 * an archive written by a run needs a start of the service, which needs its database and Kafka, which an image build
 * does not have. Each service starts alone on the embedded infrastructure twice: once to migrate its database, then
 * the restart whose classes are listed ({@code -XX:DumpLoadedClassList}), so the list holds what every later start
 * loads and not Flyway's migration work. A list that has fallen behind the code still works: classes it names that
 * are gone are skipped at the dump, and classes it lacks load from the jar.
 *
 * <p>Run: {@code ./dev classlists} (it packages the services first if needed); {@code DOCUMIND_BENCH_PARTS} names
 * the services, else all four. It refuses to run on a JDK other than the image's (the Dockerfile's {@code FROM}).
 */
public final class ImageClassLists {

    private ImageClassLists() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("documind.root", ".")).toAbsolutePath().normalize();
        int imageJdk = ServiceImage.jdk(root);
        if (Runtime.version().feature() != imageJdk) {
            // A class list is in the JDK's own format, which changes between releases: the image's dump would
            // refuse it.
            System.err.printf("classlists: this is JDK %d and the image runs JDK %d;"
                    + " run with JAVA_HOME set to a JDK %d%n", Runtime.version().feature(), imageJdk, imageJdk);
            System.exit(2);
        }
        Path lists = Files.createDirectories(root.resolve("docker").resolve("classlists"));
        Set<String> parts = BenchParts.chosen(String.join(",", StartupBenchmark.MODULES));
        Path mailFile = Files.createTempFile("documind-classlists", ".mail");
        try (BenchStack stack = new BenchStack(); TestIssuer issuer = TestIssuer.start();
             DiskSmtpSink sink = DiskSmtpSink.start(0, mailFile)) {
            for (String module : StartupBenchmark.MODULES) {
                if (!parts.contains(module)) {
                    continue;
                }
                Map<String, String> settings = StartupBenchmark.settings(module, issuer, sink);
                startAndStop(stack, module, module + "-migrate", settings);
                Path list = Files.createTempFile("documind-" + module, ".classlist");
                Path packed = Files.createTempFile(lists, module, ".tmp");
                try {
                    Map<String, String> listing = new HashMap<>(settings);
                    listing.put("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + list);
                    startAndStop(stack, module, module + "-list", listing);
                    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(packed))) {
                        Files.copy(list, out);
                    }
                    Files.setPosixFilePermissions(packed, PosixFilePermissions.fromString("rw-r--r--")); // not 0600
                    // Replaced whole or not at all: a run stopped half-way leaves the committed list as it was.
                    Path written = Files.move(packed, lists.resolve(module + ".classlist.gz"),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    System.out.printf("%s: %d classes -> %s%n", module, Files.readAllLines(list).stream()
                            .filter(l -> !l.startsWith("#") && !l.startsWith("@")).count(), root.relativize(written));
                } finally {
                    Files.deleteIfExists(list);
                    Files.deleteIfExists(packed);
                }
            }
        } finally {
            Files.deleteIfExists(mailFile);
        }
    }

    /** Ready, a few seconds for what follows readiness (the JIT, scheduled work), then a graceful stop. */
    private static void startAndStop(BenchStack stack, String module, String name, Map<String, String> settings) {
        ServiceProcess process = stack.launch(module, name, settings);
        process.awaitReady(Duration.ofSeconds(120));
        BenchStack.pause(5_000);
        stack.stop(process);
    }
}
