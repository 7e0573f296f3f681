package io.documind.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(ServiceProcess.jvmOptions(jar).containsAll(java.util.List.of("-XX:SharedArchiveFile=" + archive,
                "-XX:+AutoCreateSharedArchive", "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC")), ServiceProcess.jvmOptions(jar)::toString);
    }

    @Test
    void aJarElsewhereRunsWithoutAnArchive(@TempDir Path dir) {
        Path jar = dir.resolve("service.jar");
        assertTrue(ServiceProcess.classDataArchive(jar).isEmpty());
        assertTrue(ServiceProcess.jvmOptions(jar).stream().noneMatch(o -> o.contains("SharedArchive")));
    }
}
