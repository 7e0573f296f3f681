package io.documind.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The demo's own behaviour; the walk itself runs against the packaged services in InvitationJourneySystemTest. */
class QuickStartDemoTest {

    @Test
    void findsTheStackWhereDevUpPutsIt() {
        assertEquals(new QuickStartDemo.Endpoints("http://localhost:8081", "http://localhost:8082",
                "http://localhost:8083", "http://localhost:8025"), QuickStartDemo.Endpoints.fromEnvironment(Map.of()));

        QuickStartDemo.Endpoints moved = QuickStartDemo.Endpoints.fromEnvironment(Map.of(
                "ORG_SERVICE_PORT", "9181", "DOCUMENT_SERVICE_PORT", "9182", "INVITATION_SERVICE_PORT", "9183",
                "MAIL_API_PORT", "9125"));
        assertEquals(new QuickStartDemo.Endpoints("http://localhost:9181", "http://localhost:9182",
                "http://localhost:9183", "http://localhost:9125"), moved);
    }

    @Test
    void withoutARunningStackTheFirstStepFailsSayingWhatToStart() {
        String nobody = "http://127.0.0.1:" + FreePorts.pick();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QuickStartDemo demo = new QuickStartDemo(new QuickStartDemo.Endpoints(nobody, nobody, nobody, nobody),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        QuickStartDemo.Failed failed = assertThrows(QuickStartDemo.Failed.class, demo::walk);

        assertTrue(failed.getMessage().startsWith("step 1 failed: no answer from " + nobody + "/sign-up"), failed.getMessage());
        assertTrue(failed.getMessage().contains("Is ./dev up running?"), failed.getMessage());
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("1. Alice signs up") && output.contains("-> POST " + nobody + "/sign-up"), output);
    }
}
