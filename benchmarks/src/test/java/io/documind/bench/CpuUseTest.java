package io.documind.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuUseTest {

    @Test
    void countsTheUserAndSystemTicksOfCompilerThreadsOnly() {
        // proc(5) stat lines: utime and stime are fields 14 and 15 (here 700 + 41 and 12 + 3)
        String c2 = "4242 (C2 CompilerThre) S 4200 4200 1 0 -1 1077936192 9 0 0 0 700 41 0 0 20 0 40 0 100 1 1";
        String c1 = "4243 (C1 CompilerThre) S 4200 4200 1 0 -1 1077936192 9 0 0 0 12 3 0 0 20 0 40 0 100 1 1";
        String other = "4244 (ForkJoinPool-1-) R 4200 4200 1 0 -1 1077936192 9 0 0 0 900 80 0 0 20 0 40 0 100 1 1";
        String tricky = "4245 (a (C2 Compiler) x) S 4200 4200 1 0 -1 1077936192 9 0 0 0 5 5 0 0 20 0 40 0 100 1 1";
        assertEquals(741, CpuUse.compilerTicks(c2));
        assertEquals(15, CpuUse.compilerTicks(c1));
        assertEquals(0, CpuUse.compilerTicks(other));
        assertEquals(0, CpuUse.compilerTicks(tricky), "a name is read up to its last parenthesis");
    }

    @Test
    void readsThisJvmsCompilerThreadsFromProc() {
        // This JVM has compiled something by the time a test runs (JUnit alone is enough), unless there is no /proc.
        long nanos = CpuUse.compilerNanos(ProcessHandle.current().pid());
        assertTrue(nanos > 0 || !java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task")),
                () -> "compiler CPU " + nanos);
    }
}
