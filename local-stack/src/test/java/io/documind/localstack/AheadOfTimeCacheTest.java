package io.documind.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache's life with a real JVM and a small program packaged where a service's jar goes: a training run that was
 * ready leaves a cache the next run starts from, one that never was leaves nothing, and neither prints to the
 * program's output (a service's log must be JSON only).
 */
class AheadOfTimeCacheTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void aReadyTrainingRunLeavesACacheAndAFailedOneNothing(@TempDir Path root) throws Exception {
        Path jar = packageProgram(root);
        if (Runtime.version().feature() < AheadOfTimeCache.SINCE) {
            assertTrue(AheadOfTimeCache.forJar(jar).isEmpty(), "a JDK 25 feature");
            return;
        }
        Path cache = ServiceProcess.aheadOfTimeCache(jar).orElseThrow();

        AheadOfTimeCache failed = AheadOfTimeCache.forJar(jar).orElseThrow();
        assertTrue(failed.training());
        assertEquals(List.of("{\"said\":\"hello\"}"), run(failed, jar), "nothing but the program's own output");
        failed.discard(); // never ready
        assertFalse(Files.exists(cache));
        assertEquals(List.of(), leftovers(cache), "its configuration is gone");

        AheadOfTimeCache ready = AheadOfTimeCache.forJar(jar).orElseThrow();
        assertEquals(List.of("{\"said\":\"hello\"}"), run(ready, jar));
        ready.create(JAVA, List.of());
        assertTrue(Files.isRegularFile(cache) && Files.size(cache) > 0, "the cache is in place");
        assertEquals(List.of(), leftovers(cache));

        AheadOfTimeCache cached = AheadOfTimeCache.forJar(jar).orElseThrow();
        assertFalse(cached.training());
        assertEquals(List.of("{\"said\":\"hello\"}"), run(cached, jar), "starts from the cache, silently");
    }

    private static List<String> run(AheadOfTimeCache aot, Path jar) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(aot.jvmOptions());
        command.addAll(List.of("-cp", jar.toString(), "Hello"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new String(process.getInputStream().readAllBytes()).lines().toList();
    }

    private static List<Path> leftovers(Path cache) throws IOException {
        try (var files = Files.list(cache.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(cache.getFileName() + ".")).toList();
        }
    }

    /** A one-class program as {@code <root>/hello/target/hello.jar}, where the launcher looks for a service's jar. */
    private static Path packageProgram(Path root) throws IOException {
        Path source = root.resolve("src/Hello.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "public class Hello { public static void main(String[] a) {"
                + " System.out.println(\"{\\\"said\\\":\\\"hello\\\"}\"); } }");
        Path classes = root.resolve("classes");
        Files.createDirectories(classes);
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                source.toString()));
        Path jar = ServiceProcess.packagedJar(root, "hello");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("Hello.class"));
            out.write(Files.readAllBytes(classes.resolve("Hello.class")));
            out.closeEntry();
        }
        return jar;
    }
}
