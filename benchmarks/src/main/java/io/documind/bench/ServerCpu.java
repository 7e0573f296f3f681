package io.documind.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time a server spent, read from the kernel's accounting for its processes (via {@link ProcessHandle}, which
 * reads /proc/&lt;pid&gt;/stat on Linux): a root process and everything it started, so a launcher script's JVM child or
 * PostgreSQL's per-connection backends count too.
 */
public final class ServerCpu {

    /** No process of its own (for example a database inside the server's JVM): always zero. */
    public static final ServerCpu NONE = new ServerCpu(List.of());

    private final List<ProcessHandle> roots;

    private ServerCpu(List<ProcessHandle> roots) {
        this.roots = roots;
    }

    public static ServerCpu of(ProcessHandle... roots) {
        return new ServerCpu(List.of(roots));
    }

    /** PostgreSQL's postmaster listening on {@code port} and its backends; NONE when it cannot be found. */
    public static ServerCpu postgresOn(int port) {
        Optional<ProcessHandle> postmaster = ProcessHandle.allProcesses()
                .filter(p -> isPostmasterOn(p.info().command().orElse(""), p.info().arguments().orElse(new String[0]),
                        port))
                .findFirst();
        return postmaster.map(ServerCpu::of).orElse(NONE);
    }

    /** A postgres server process (not pg_ctl, not a client) started with {@code -p port}. */
    static boolean isPostmasterOn(String command, String[] arguments, int port) {
        if (!command.endsWith("/postgres")) {
            return false;
        }
        List<String> args = Arrays.asList(arguments);
        int p = args.indexOf("-p");
        return p >= 0 && p + 1 < args.size() && args.get(p + 1).equals(String.valueOf(port));
    }

    /** User plus system CPU time of the roots and their live descendants so far, in nanoseconds. */
    public long nanos() {
        return processes().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** The part of {@link #nanos()} the JIT compiler threads of those processes that are JVMs spent. */
    public long compilerNanos() {
        return processes().mapToLong(p -> CpuUse.compilerNanos(p.pid())).sum();
    }

    private Stream<ProcessHandle> processes() {
        return roots.stream().flatMap(r -> Stream.concat(Stream.of(r), r.descendants()));
    }
}
