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
}
