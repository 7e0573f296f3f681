package io.documind.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void defaultsComeFromTheDesign() {
        Ports ports = Ports.fromEnvironment(Map.of());
        assertEquals(9092, ports.get(Port.KAFKA));
        assertEquals(5433, ports.get(Port.POSTGRES));
        assertEquals(8084, ports.get(Port.NOTIFICATION_SERVICE));
    }

    @Test
    void aTakenPortIsNamedWithItsUserAndVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, FreePorts.LOOPBACK)) {
            Ports ports = Ports.fromEnvironment(Map.of("KAFKA_PORT", String.valueOf(taken.getLocalPort())));
            LauncherException e = assertThrows(LauncherException.class, () -> ports.requireFree(List.of(Port.KAFKA)));
            assertTrue(e.getMessage().contains("Port " + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("Kafka"), e.getMessage());
            assertTrue(e.getMessage().contains("KAFKA_PORT"), e.getMessage());
        }
    }

    @Test
    void rejectsNonsenseAndDuplicates() {
        LauncherException bad = assertThrows(LauncherException.class, () -> Ports.fromEnvironment(Map.of("SMTP_PORT", "abc")));
        assertTrue(bad.getMessage().startsWith("SMTP_PORT=abc"), bad.getMessage());

        String free = String.valueOf(FreePorts.pick());
        Ports twice = Ports.fromEnvironment(Map.of("SMTP_PORT", free, "MAIL_API_PORT", free));
        LauncherException dup = assertThrows(LauncherException.class, () -> twice.requireFree(List.of(Port.SMTP, Port.MAIL_API)));
        assertTrue(dup.getMessage().contains("SMTP_PORT") && dup.getMessage().contains("MAIL_API_PORT"), dup.getMessage());
    }
}
