package io.documind.bench.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SoakRunTest {

    @Test
    void readsTheResidentSetOfAProcessAndMinusOneOnceItIsGone(@TempDir Path dir) throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t 900000 kB\nVmRSS:\t  312456 kB\n");
        assertEquals(312_456, SoakRun.rssKiB(status));
        assertEquals(-1, SoakRun.rssKiB(dir.resolve("gone")));
    }
}
