package io.documind.kit.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The services' log set up in code: JSON lines with the MDC, and out of the way of a logback file. */
class JsonLoggingTest {

    @Test
    void logbackFindsItThroughItsServiceLoader() {
        assertTrue(ServiceLoader.load(Configurator.class).stream()
                .anyMatch(provider -> provider.type() == JsonLogging.class));
    }

    @Test
    void itStepsAsideForAFileNamedOrOnTheClassPath() {
        assertFalse(JsonLogging.givenAFile(null, name -> false));
        assertFalse(JsonLogging.givenAFile(" ", name -> false));
        assertTrue(JsonLogging.givenAFile("/etc/documind/logback.xml", name -> false));
        assertTrue(JsonLogging.givenAFile(null, Set.of("logback-test.xml")::contains));
        assertTrue(JsonLogging.givenAFile(null, Set.of("logback.xml")::contains));
    }

    @Test
    void withAFileOnTheClassPathItReadsThatFileItself() {
        // This class path has the kit's logback-test.xml. Micronaut, when a service sets logger.levels, resets the
        // context and calls the first Configurator only: stepping aside then would leave the service without a log.
        LoggerContext context = new LoggerContext();
        try {
            JsonLogging logging = new JsonLogging();
            logging.setContext(context);
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, logging.configure(context));
            assertTrue(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext(),
                    "the file's appenders are attached");
            assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JSON"), "not the JSON lines");
        } finally {
            context.stop();
        }
    }

    @Test
    void aFileThatCannotBeReadLeavesTheJsonLines() {
        // e.g. -Dlogback.configurationFile naming a file that is not mounted: logback's reader finds nothing.
        LoggerContext context = new LoggerContext();
        try {
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY,
                    JsonLogging.readingTheFile(context, c -> Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY));
            assertNotNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JSON"));
            assertEquals(Level.INFO, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        } finally {
            context.stop();
        }
    }

    @Test
    void eachRecordIsOneJsonLineWithTheMdcAndLoudLibrariesOnlyWarn() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one slf4j's MDC writes to, as in a service
        PrintStream standardOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            JsonLogging.configureJson(context);
            MDC.put("correlationId", "c-42");
            try {
                context.getLogger("io.documind.x").info("created {} documents", 3);
                context.getLogger("io.documind.x").debug("not shown");
                context.getLogger("org.apache.kafka.clients.NetworkClient").info("not shown");
                context.getLogger("io.micronaut.email.javamail.sender.JavaxEmailSender").error("not shown");
                context.getLogger("com.zaxxer.hikari.pool.HikariPool").warn("shown");
                assertEquals(Level.WARN, context.getLogger("org.flywaydb.core").getEffectiveLevel());
            } finally {
                MDC.remove("correlationId");
            }
        } finally {
            System.setOut(standardOut);
            context.stop();
        }
        // Only the JSON lines: this class path's logback-test.xml also writes plain text to System.out.
        String[] lines = out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{\""))
                .toArray(String[]::new);
        assertEquals(2, lines.length, String.join("\n", lines));
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals("INFO", first.get("level").asText());
        assertEquals("io.documind.x", first.get("loggerName").asText());
        assertEquals("created 3 documents", first.get("formattedMessage").asText());
        assertEquals("c-42", first.get("mdc").get("correlationId").asText());
        for (String left : List.of("message", "arguments", "sequenceNumber", "nanoseconds", "context")) {
            assertFalse(first.has(left), left + " is left out: " + lines[0]);
        }
        assertEquals("shown", new ObjectMapper().readTree(lines[1]).get("formattedMessage").asText());
    }
}
