package io.documind.bench;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * CPU time per process of a benchmark's stack between two snapshots, divided by the work done in between: which
 * process the machine's cores went to, and how much of a JVM's went to its JIT compiler threads (still compiling
 * means the measured work ran partly in slower code, and shared the cores with the compiler). The benchmark's own
 * JVM counts as one process, and holds whatever {@link BenchStack} runs in it (the Kafka broker) besides the load
 * generator.
 */
final class CpuUse {

    /** Linux's USER_HZ, the unit of /proc's per-thread times: 100 on x86 and arm64 alike. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private record Process(LongSupplier cpu, long pid) {
    }

    private final Map<String, Process> processes;

    private CpuUse(Map<String, Process> processes) {
        this.processes = processes;
    }

    /** Every service the stack started, PostgreSQL, and this JVM under {@code selfName}. */
    static CpuUse of(BenchStack stack, String selfName) {
        Map<String, Process> processes = new LinkedHashMap<>();
        stack.pids().forEach((name, pid) -> processes.put(name, new Process(stack.serviceCpu(name)::nanos, pid)));
        processes.put("PostgreSQL", new Process(stack.databaseCpu()::nanos, -1));
        // This process alone: the services and PostgreSQL are its children, which ServerCpu would count in.
        OperatingSystemMXBean self = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        processes.put(selfName, new Process(self::getProcessCpuTime, ProcessHandle.current().pid()));
        return new CpuUse(processes);
    }

    /** CPU nanoseconds so far by process, of those the JIT's by process, and the monotonic clock. */
    record Snapshot(Map<String, Long> cpuNanos, Map<String, Long> jitNanos, long wallNanos) {
    }

    Snapshot snapshot() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        Map<String, Long> jit = new LinkedHashMap<>();
        processes.forEach((name, p) -> {
            cpu.put(name, p.cpu().getAsLong());
            if (p.pid() > 0) {
                jit.put(name, compilerNanos(p.pid()));
            }
        });
        return new Snapshot(cpu, jit, System.nanoTime());
    }

    /** One line per process, then the total: milliseconds of CPU per unit of work since {@code start}. */
    static void print(String title, Snapshot start, Snapshot end, int units, String unit) {
        System.out.printf("  %s, ms per %s (%.1f ms of wall time each):%n", title, unit,
                (end.wallNanos() - start.wallNanos()) / 1e6 / units);
        System.out.printf("    %-50s %8s %8s%n", "", "CPU", "of it JIT");
        long total = 0;
        long totalJit = 0;
        for (Map.Entry<String, Long> e : end.cpuNanos().entrySet()) {
            long used = e.getValue() - start.cpuNanos().getOrDefault(e.getKey(), 0L);
            total += used;
            Long jitEnd = end.jitNanos().get(e.getKey());
            if (jitEnd == null) {
                System.out.printf("    %-50s %8.2f%n", e.getKey(), used / 1e6 / units);
            } else {
                long jit = jitEnd - start.jitNanos().getOrDefault(e.getKey(), 0L);
                totalJit += jit;
                System.out.printf("    %-50s %8.2f %8.2f%n", e.getKey(), used / 1e6 / units, jit / 1e6 / units);
            }
        }
        System.out.printf("    %-50s %8.2f %8.2f%n", "all", total / 1e6 / units, totalJit / 1e6 / units);
    }

    /** The JIT compiler threads' share of all the CPU the processes spent between two snapshots. */
    static double jitShare(Snapshot start, Snapshot end) {
        return JitWarmUp.share(sum(end.jitNanos()) - sum(start.jitNanos()),
                sum(end.cpuNanos()) - sum(start.cpuNanos()));
    }

    private static long sum(Map<String, Long> nanos) {
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * CPU time of the JVM's compiler threads ("C1 CompilerThre", "C2 CompilerThre": Linux cuts thread names to 15
     * characters) from /proc; 0 where there is no /proc. Threads that ended took their time with them, which the
     * JVM's compiler threads, started once, rarely do.
     */
    static long compilerNanos(long pid) {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(CpuUse::compilerTicks).sum() * NANOS_PER_TICK;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long compilerTicks(Path task) {
        try {
            return compilerTicks(Files.readString(task.resolve("stat")));
        } catch (IOException ended) {
            return 0; // the thread ended between the listing and the read
        }
    }

    /** A thread's user plus system ticks from its /proc stat line if it is a JIT compiler thread, else 0. */
    static long compilerTicks(String stat) {
        int close = stat.lastIndexOf(')'); // the name may hold spaces and parentheses: it ends at the last one
        String name = stat.substring(stat.indexOf('(') + 1, close);
        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
            return 0;
        }
        // After the name: state is field 3, utime field 14 and stime field 15 of proc(5).
        String[] fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
