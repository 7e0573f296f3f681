package io.documind.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SideTest {

    private static ClosedLoop.Run run(int answers, long millisEach, double seconds, long cpuMillis) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < answers; i++) {
            latencies.record(millisEach * 1_000_000L);
        }
        return new ClosedLoop.Run(latencies, (long) (seconds * 1e9), cpuMillis * 1_000_000L, 0, 0, 0, "");
    }

    @Test
    void combinesRunsByTotalsNotByAveragingTheirRates() {
        Side side = new Side("x");
        side.add(run(100, 2, 1.0, 150));
        side.add(run(300, 8, 3.0, 450));
        assertEquals(400, side.answers());
        assertEquals(100.0, side.perSecond(), 1e-9);
        assertEquals(1.5, side.serverCpuMillisPerAnswer(), 1e-9);
        assertEquals(8.0, side.percentileMillis(50), 1e-9);
        assertEquals(0.0, side.databaseCpuMillisPerAnswer(), 1e-9);
    }

    @Test
    void theJitShareIsTheCompilersPartOfTheServersCpuOverAllRuns() {
        Side side = new Side("x");
        side.add(new ClosedLoop.Run(new Latencies(), 1_000_000_000L, 400_000_000L, 100_000_000L, 0, 0, ""));
        side.add(new ClosedLoop.Run(new Latencies(), 1_000_000_000L, 600_000_000L, 0, 0, 0, ""));
        assertEquals(0.1, side.jitShare(), 1e-9);
        assertEquals(0.0, new Side("idle").jitShare(), 1e-9);
    }

    @Test
    void theFastestSideIsTheBestConfiguration() {
        Side slow = new Side("slow");
        slow.add(run(10, 1, 1.0, 1));
        Side fast = new Side("fast");
        fast.add(run(30, 1, 1.0, 1));
        assertSame(fast, Side.fastest(List.of(slow, fast)));
    }

    @Test
    void saysWhetherATargetIsMet() {
        assertEquals("3.10x (target ≥ 3.0x: met)", Side.againstTarget(3.1, "≥", 3.0));
        assertEquals("1.50x (target ≥ 3.0x: not met)", Side.againstTarget(1.5, "≥", 3.0));
        assertEquals("4.00x (target ≤ 3.0x: not met)", Side.againstTarget(4.0, "≤", 3.0));
    }
}
