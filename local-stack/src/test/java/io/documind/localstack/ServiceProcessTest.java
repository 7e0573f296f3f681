package io.documind.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
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
        if (Runtime.version().feature() < AheadOfTimeCache.SINCE) {
            assertTrue(ServiceProcess.jvmOptions(jar).containsAll(java.util.List.of("-XX:SharedArchiveFile=" + archive,
                    "-XX:+AutoCreateSharedArchive", "-Xms32m", "-Xmx384m", "-XX:+UseSerialGC")),
                    ServiceProcess.jvmOptions(jar)::toString);
        }
    }

    /** JDK 25+: the first run trains an ahead-of-time cache, later runs start from it; older JDKs have no such flags. */
    @Test
    void onJdk25APackagedJarTrainsAnAheadOfTimeCacheAndThenUsesIt(@TempDir Path root) throws IOException {
        Path jar = ServiceProcess.packagedJar(root, "document-service");
        if (Runtime.version().feature() < AheadOfTimeCache.SINCE) {
            assertTrue(ServiceProcess.jvmOptions(jar).stream().noneMatch(o -> o.contains("AOT")));
            return;
        }
        Path cache = root.resolve(".local/cds/document-service.aot");
        assertEquals(java.util.Optional.of(cache), ServiceProcess.aheadOfTimeCache(jar));
        List<String> training = ServiceProcess.jvmOptions(jar);
        assertTrue(training.containsAll(List.of("-XX:AOTMode=record", "-Xms32m", "-Xmx384m", "-XX:+UseSerialGC")),
                training::toString);
        assertTrue(training.stream().anyMatch(o -> o.startsWith("-XX:AOTConfiguration=" + cache + ".")
                && o.endsWith(".aotconf")), "a configuration of the run's own: " + training);
        assertTrue(training.stream().noneMatch(o -> o.contains("SharedArchive")), training::toString);

        Files.write(cache, new byte[]{0}); // as a training run leaves it
        List<String> cached = ServiceProcess.jvmOptions(jar);
        assertTrue(cached.contains("-XX:AOTCache=" + cache), cached::toString);
        assertTrue(cached.stream().noneMatch(o -> o.contains("AOTMode=record")), cached::toString);
    }

    @Test
    void aTrainingRunsFileIsRemovedOnlyOnceItIsAnHourOld(@TempDir Path root) throws IOException {
        Path jar = ServiceProcess.packagedJar(root, "org-service");
        Path cds = root.resolve(".local/cds");
        Files.createDirectories(cds);
        Path fresh = cds.resolve("org-service.aot.0a1b.aotconf");
        Path old = cds.resolve("org-service.aot.2c3d.aotconf");
        Path otherModule = cds.resolve("org-service-extra.aot.4e5f.part");
        for (Path file : List.of(fresh, old, otherModule)) {
            Files.write(file, new byte[]{0});
        }
        long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        Files.setLastModifiedTime(old, FileTime.fromMillis(twoHoursAgo));
        Files.setLastModifiedTime(otherModule, FileTime.fromMillis(twoHoursAgo));

        ServiceProcess.aheadOfTimeCache(jar);
        assertTrue(Files.exists(fresh), "another run may still be training");
        assertTrue(Files.notExists(old), "left by a launcher that died");
        assertTrue(Files.exists(otherModule), "not this module's");
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
                ServiceProcess.jvmOptions(Path.of("service.jar")).contains(ServiceProcess.TRIM_NATIVE_HEAP));
    }

    @Test
    void aJarElsewhereRunsWithoutAnArchive(@TempDir Path dir) {
        Path jar = dir.resolve("service.jar");
        assertTrue(ServiceProcess.classDataArchive(jar).isEmpty());
        assertTrue(ServiceProcess.aheadOfTimeCache(jar).isEmpty());
        assertTrue(ServiceProcess.jvmOptions(jar).stream()
                .noneMatch(o -> o.contains("SharedArchive") || o.contains("AOTCache")));
    }
}
