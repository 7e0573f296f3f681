package io.documind.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerCpuTest {

    @Test
    void findsThePostmasterByItsPortNotAnotherClusterOrPgCtl() {
        String[] args = {"-D", "/tmp/pg/data", "-p", "54321", "-h", "127.0.0.1"};
        assertTrue(ServerCpu.isPostmasterOn("/tmp/embedded-pg/bin/postgres", args, 54321));
        assertFalse(ServerCpu.isPostmasterOn("/tmp/embedded-pg/bin/postgres", args, 5433));
        assertFalse(ServerCpu.isPostmasterOn("/tmp/embedded-pg/bin/pg_ctl", args, 54321));
        assertFalse(ServerCpu.isPostmasterOn("/tmp/embedded-pg/bin/postgres", new String[] {"-p"}, 54321));
    }

    @Test
    void countsTheCpuThisProcessSpends() {
        ServerCpu self = ServerCpu.of(ProcessHandle.current());
        long before = self.nanos();
        long x = 0;
        for (long deadline = System.nanoTime() + 200_000_000L; System.nanoTime() < deadline; ) {
            x += Long.numberOfTrailingZeros(System.nanoTime());
        }
        assertTrue(x >= 0);
        assertTrue(self.nanos() > before, "CPU time grows while the process computes");
        assertEquals(0, ServerCpu.NONE.nanos());
    }

    @Test
    void theCompilersTimeIsPartOfTheProcesssTime() {
        ServerCpu self = ServerCpu.of(ProcessHandle.current());
        long compilers = self.compilerNanos(); // this JVM compiled JUnit and the code above before getting here
        assertTrue(compilers > 0, "a running JVM's C1/C2 threads have used CPU");
        assertTrue(compilers <= self.nanos());
        assertEquals(0, ServerCpu.NONE.compilerNanos());
    }
}
