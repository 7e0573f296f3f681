package io.documind.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    @Test
    void aServiceThatExitsBeforeItIsReadyFailsTheWaitWithTheEndOfItsLog(@TempDir Path root) {
        Path jar = ServiceProcess.packagedJar(root, "org-service"); // never built here: java exits at once
        assertEquals(root.resolve("org-service/target/org-service.jar"), jar);
        ServiceProcess process = ServiceProcess.start("org-service", jar, FreePorts.pick(), Map.of(),
                root.resolve("org-service.log"));
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> process.awaitReady(Duration.ofSeconds(60)));
            assertTrue(e.getMessage().startsWith("org-service exited with code 1"), e.getMessage());
            assertTrue(e.getMessage().contains("Unable to access jarfile"), e.getMessage());
        } finally {
            process.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aPackagedJarSharesClassDataThroughAnArchiveUnderLocal(@TempDir Path root) {
        Path jar = ServiceProcess.packagedJar(root, "document-service");
        Path archive = root.resolve(".local/cds/document-service.jsa");
        assertEquals(java.util.Optional.of(archive), ServiceProcess.classDataArchive(jar));
        assertTrue(java.nio.file.Files.isDirectory(archive.getParent()), "the JVM does not create the directory");
        assertTrue(ServiceProcess.jvmOptions(jar, "").containsAll(java.util.List.of("-XX:SharedArchiveFile=" + archive,
                "-XX:+AutoCreateSharedArchive", "-Xms32m", "-Xmx384m", "-XX:+UseSerialGC")), ServiceProcess.jvmOptions(jar, "")::toString);
    }

    @Test
    void aRebuiltJarGetsAnArchiveOfItsOwnAndTheStaleOneGoes(@TempDir Path root) throws IOException {
        Path jar = ServiceProcess.packagedJar(root, "org-service");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[]{1, 2, 3});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000));
        Path first = ServiceProcess.classDataArchive(jar).orElseThrow();
        assertEquals(root.resolve(".local/cds/org-service-3-1000.jsa"), first);
        Files.write(first, new byte[]{0}); // as the JVM writes it when the service stops
        Path otherModule = root.resolve(".local/cds/org-service-extra-3-1000.jsa");
        Files.write(otherModule, new byte[]{0});

        Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000)); // rebuilt
        Path second = ServiceProcess.classDataArchive(jar).orElseThrow();
        assertEquals(root.resolve(".local/cds/org-service-3-2000.jsa"), second);
        assertTrue(Files.notExists(first), "the JVM would not rewrite it: it only reports a mismatch");
        assertTrue(Files.exists(otherModule), "another module's archive is not this one's");
    }

    @Test
    void theNativeHeapIsTrimmedOnlyWhereTheFlagIsAProductFlag() {
        assertTrue(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("25.0.3+9")));
        assertTrue(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("22")));
        assertTrue(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("21.0.3+9")));
        assertFalse(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("21.0.2+13")), "experimental there");
        assertFalse(ServiceProcess.trimsNativeHeap(Runtime.Version.parse("21")), "absent there");
        assertEquals(ServiceProcess.trimsNativeHeap(Runtime.version()),
                ServiceProcess.jvmOptions(Path.of("service.jar"), "").contains(ServiceProcess.TRIM_NATIVE_HEAP));
    }

    @Test
    void anOperatorsOptionsFollowOursAndAnAgentRunsWithoutTheArchive(@TempDir Path root) {
        Path jar = ServiceProcess.packagedJar(root, "org-service");
        java.util.List<String> options = ServiceProcess.jvmOptions(jar, " -Xmx256m  -Xss512k ");
        assertEquals(java.util.List.of("-Xmx256m", "-Xss512k"), options.subList(options.size() - 2, options.size()));
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")), options::toString);

        java.util.List<String> profiled = ServiceProcess.jvmOptions(jar, "-agentpath:/opt/ap/libasyncProfiler.so=start");
        assertTrue(profiled.stream().noneMatch(o -> o.contains("SharedArchive")), profiled::toString);
        assertEquals("-agentpath:/opt/ap/libasyncProfiler.so=start", profiled.get(profiled.size() - 1));
        assertEquals(ServiceProcess.jvmOptions(jar, "").size(), ServiceProcess.jvmOptions(jar, "  ").size());
    }

    @Test
    void aJarElsewhereRunsWithoutAnArchive(@TempDir Path dir) {
        Path jar = dir.resolve("service.jar");
        assertTrue(ServiceProcess.classDataArchive(jar).isEmpty());
        assertTrue(ServiceProcess.jvmOptions(jar, "").stream().noneMatch(o -> o.contains("SharedArchive")));
    }
}
