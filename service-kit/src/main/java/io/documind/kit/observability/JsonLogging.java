package io.documind.kit.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.DefaultJoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every service's log: one JSON object per line on standard output, with the MDC (correlationId), set up in code.
 *
 * <p>Why code and not a {@code logback.xml}: logback's XML configurator (Joran) took about 120 ms of the main thread
 * at start, before anything else could log (235 ms to the first log line against 110 ms this way, measured on
 * org-service's jar with its class archive; the XML was the same for every service), a few percent of the 3 s
 * start-up target. This is what Micronaut AOT's "logback.xml to Java" step generates, written once by hand instead
 * of adding that build step.
 *
 * <p>It reads a logback file instead (logback's own order: {@code logback.configurationFile}, then
 * {@code logback-test.xml}, then {@code logback.xml}) when the property names one or one of those is on the class
 * path, as in the tests and the benchmarks: an operator who wants other logging passes their own file with
 * {@code -Dlogback.configurationFile=...}, as with any logback application (not Micronaut's {@code logger.config},
 * which Micronaut ignores when a Configurator like this one is installed).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public class JsonLogging extends ContextAwareBase implements Configurator {

    /**
     * Loud libraries, quieter. And notification-service's mail sender, which logs every failed send at ERROR with a
     * stack trace, while its delivery worker reports each attempt itself: set here, before any bean exists, rather
     * than in Micronaut's logger.levels, which applies once its own bean is made and reconfigures logback for it.
     */
    static final Map<String, Level> LEVELS = Map.of(
            "org.apache.kafka", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "io.micronaut.email.javamail.sender.JavaxEmailSender", Level.OFF);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = JsonLogging.class.getClassLoader();
        if (!givenAFile(System.getProperty("logback.configurationFile"), name -> loader.getResource(name) != null)) {
            configureJson(context);
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }
        // Logback's own file reader, called here rather than left to run next: Micronaut reconfigures logback
        // when a service sets logger.levels, calling only the first Configurator and ignoring its status.
        return readingTheFile(context, c -> {
            DefaultJoranConfigurator files = new DefaultJoranConfigurator();
            files.setContext(c);
            return files.configure(c);
        });
    }

    /**
     * The file's configuration, or the JSON lines when the file could not be read (a named file that is not there):
     * never logback's last resort, plain text at DEBUG, nor (under Micronaut's reconfiguration) no log at all.
     */
    static ExecutionStatus readingTheFile(LoggerContext context, Function<LoggerContext, ExecutionStatus> file) {
        if (file.apply(context) != ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY) {
            configureJson(context);
            context.getLogger(JsonLogging.class).warn("No logback file could be read (logback.configurationFile: {}):"
                    + " logging JSON lines instead", System.getProperty("logback.configurationFile"));
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether logback has a file of its own to read: named by the property, or found on the class path. */
    static boolean givenAFile(String configurationFile, Predicate<String> onClassPath) {
        return (configurationFile != null && !configurationFile.isBlank())
                || onClassPath.test("logback-test.xml") || onClassPath.test("logback.xml");
    }

    static void configureJson(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("JSON");
        console.setEncoder(encoder);
        console.start();

        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
    }
}
