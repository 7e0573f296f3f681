package io.documind.localstack;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** The port of each {@link Port} for this run: defaults, overridden from the environment, checked up front. */
final class Ports {

    private final Map<Port, Integer> ports;

    private Ports(Map<Port, Integer> ports) {
        this.ports = ports;
    }

    static Ports fromEnvironment(Map<String, String> env) {
        Map<Port, Integer> ports = new EnumMap<>(Port.class);
        for (Port port : Port.values()) {
            ports.put(port, parse(port, env.get(port.envVar)));
        }
        return new Ports(ports);
    }

    int get(Port port) {
        return ports.get(port);
    }

    /** Fails on the first port that is taken (or given twice), naming it, its user and its variable. */
    void requireFree(Collection<Port> needed) {
        Map<Integer, Port> seen = new HashMap<>();
        for (Port port : needed) {
            int number = get(port);
            Port clash = seen.putIfAbsent(number, port);
            if (clash != null) {
                throw new LauncherException("Port " + number + " is configured for both " + clash.wantedBy
                        + " (" + clash.envVar + ") and " + port.wantedBy + " (" + port.envVar + "); give one another port.");
            }
            if (!FreePorts.isFree(number)) {
                throw new LauncherException("Port " + number + " on 127.0.0.1 is already in use, but " + port.wantedBy
                        + " needs it. Free it, or set " + port.envVar + " to another port.");
            }
        }
    }

    private static int parse(Port port, String value) {
        if (value == null || value.isBlank()) {
            return port.defaultPort;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LauncherException(port.envVar + "=" + value + " is not a port number (1-65535).");
    }
}
