package io.documind.localstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackLauncherTest {

    @Test
    void upWithoutBuiltServicesSaysToRunPackageAndStartsNothing(@TempDir Path root) {
        LauncherException e = assertThrows(LauncherException.class,
                () -> run(freePortsEnvironment(), "up", "--root", root.toString()));
        assertTrue(e.getMessage().contains("org-service is not built"), e.getMessage());
        assertTrue(e.getMessage().contains("./mvnw package"), e.getMessage());
        assertFalse(Files.exists(root.resolve(".local/launcher.pid")));
    }

    @Test
    void resetWipesLocalData(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve(".local/kafka"));
        Files.writeString(root.resolve(".local/kafka/meta.properties"), "x");
        run(Map.of(), "reset", "--root", root.toString());
        assertFalse(Files.exists(root.resolve(".local")));
    }

    @Test
    void resetRefusesWhileALauncherRuns(@TempDir Path root) throws Exception {
        // This test JVM stands in for a running launcher: it is alive and its command is java.
        Files.createDirectories(root.resolve(".local"));
        Files.writeString(root.resolve(".local/launcher.pid"), "launcher " + ProcessHandle.current().pid() + "\n");
        LauncherException e = assertThrows(LauncherException.class,
                () -> new LocalData(root).wipe());
        assertTrue(e.getMessage().contains("already running"), e.getMessage());
        assertTrue(Files.exists(root.resolve(".local/launcher.pid")));
    }

    @Test
    void unknownCommandPrintsUsage(@TempDir Path root) {
        LauncherException e = assertThrows(LauncherException.class,
                () -> run(Map.of(), "down", "--root", root.toString()));
        assertTrue(e.getMessage().startsWith("usage:"), e.getMessage());
    }

    private static void run(Map<String, String> env, String... args) {
        LocalStackLauncher.Invocation.parse(List.of(args)).execute(env);
    }

    /** Every port variable pointed at a free port, so the test never depends on 9092 etc. being free. */
    static Map<String, String> freePortsEnvironment() {
        Map<String, String> env = new HashMap<>();
        List<Integer> ports = FreePorts.distinct(Port.values().length); // the launcher refuses one port twice
        for (Port port : Port.values()) {
            env.put(port.envVar, String.valueOf(ports.get(port.ordinal())));
        }
        return env;
    }
}
