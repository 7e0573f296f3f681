package io.documind.system;

import io.documind.localstack.KafkaBroker;
import io.documind.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A packaged service (org-service) stopped with SIGTERM while it serves a request, as an orchestrator stops it:
 * the request in flight completes with its normal response, new connections are refused from the start of the
 * stop, and the process exits by itself with the JVM's status for SIGTERM within the configured bound; a request
 * that never finishes does not hold the process past that bound either.
 *
 * <p>How a request is kept in flight without test-only code in the service: the test, which can reach the
 * service's database, locks the user table, so a sign-up (an INSERT) waits on the lock, visibly
 * ({@code pg_stat_activity}) and for exactly as long as the test holds it.
 */
class GracefulShutdownSystemTest {

    private static final Duration GRACE_PERIOD = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The JVM's exit status after a SIGTERM it shut down for (128 + 15); a SIGKILL would be 137. */
    private static final int SIGTERM_EXIT = 143;
    /** Process teardown after the bound (a halt, the OS reaping the process); never a reason to wait long. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    private static RunningService org;

    @BeforeAll
    static void start() {
        KafkaBroker kafka = TestInfrastructure.kafka();
        org = RunningService.orgService(kafka, "shutdown-m2m", "shutdown-secret-0123456789", Map.of(
                "DOCUMIND_SHUTDOWN_GRACE_PERIOD", GRACE_PERIOD.toSeconds() + "s",
                "DOCUMIND_SHUTDOWN_TIMEOUT", TIMEOUT.toSeconds() + "s"));
    }

    @AfterAll
    static void stop() {
        org.close();
    }

    @BeforeEach
    void running() {
        if (org.awaitExit(Duration.ZERO).isPresent()) {
            org.start(); // the previous test stopped it
        }
    }

    @Test
    void aRequestInFlightAtSigtermCompletesNewConnectionsAreRefusedAndTheProcessExitsCleanly() throws Exception {
        try (Connection lock = lockUsers()) {
            CompletableFuture<Http.Response> signUp = signUpInBackground();
            await().atMost(Duration.ofSeconds(15)).until(GracefulShutdownSystemTest::aSessionWaitsOnALock);

            long stopAsked = System.nanoTime();
            org.terminate();
            await().atMost(GRACE_PERIOD).pollInterval(Duration.ofMillis(50))
                    .until(() -> refusesConnections(org.port()));
            assertFalse(signUp.isDone(), "the request is still in flight while the server refuses new connections");

            lock.rollback(); // the request may go on now
            Http.Response response = signUp.get(GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS);
            assertEquals(201, response.status(), "the request in flight got its normal response: " + response.body());

            OptionalInt exit = org.awaitExit(TIMEOUT.plus(MARGIN));
            Duration took = Duration.ofNanos(System.nanoTime() - stopAsked);
            assertEquals(OptionalInt.of(SIGTERM_EXIT), exit, "exited by itself, after a complete shutdown");
            assertTrue(took.compareTo(TIMEOUT) < 0, "stopped within its bound: " + took);
            System.out.printf("%n== graceful stop with a request in flight: exit %d after %d ms%n",
                    exit.getAsInt(), took.toMillis());
        }
    }

    @Test
    void aRequestThatNeverFinishesDoesNotHoldTheStopPastItsTimeout() throws Exception {
        try (Connection lock = lockUsers()) {
            CompletableFuture<Http.Response> signUp = signUpInBackground();
            await().atMost(Duration.ofSeconds(15)).until(GracefulShutdownSystemTest::aSessionWaitsOnALock);

            long stopAsked = System.nanoTime();
            org.terminate();
            OptionalInt exit = org.awaitExit(TIMEOUT.plus(MARGIN));
            Duration took = Duration.ofNanos(System.nanoTime() - stopAsked);
            assertTrue(exit.isPresent(), "the process ended by itself while the request still waited");
            assertTrue(took.compareTo(TIMEOUT.plus(MARGIN)) < 0, "stopped within its bound: " + took);
            assertFalse(signUp.handle((r, e) -> r != null && r.status() == 201).get(30, TimeUnit.SECONDS),
                    "the request was cut off");
            System.out.printf("%n== graceful stop with a request that never ends: exit %d after %d ms%n",
                    exit.getAsInt(), took.toMillis());
        }
    }

    /** A transaction holding a lock that lets the user table be read but not written. */
    private static Connection lockUsers() throws SQLException {
        Connection c = connect();
        c.setAutoCommit(false);
        try (Statement lock = c.createStatement()) {
            lock.execute("LOCK TABLE app_user IN EXCLUSIVE MODE");
        }
        return c;
    }

    private static Connection connect() throws SQLException {
        var db = org.database();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    private static CompletableFuture<Http.Response> signUpInBackground() {
        String email = "late-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        return CompletableFuture.supplyAsync(() -> Http.post(org.baseUrl() + "/sign-up",
                Map.of("email", email, "password", Accounts.PASSWORD, "name", "Late"), Map.of()));
    }

    /** Whether a session of the service's database waits for a lock (the sign-up, on ours). */
    private static boolean aSessionWaitsOnALock() throws SQLException {
        // A connection of its own: within a transaction PostgreSQL shows one snapshot of pg_stat_activity.
        try (Connection c = connect();
             Statement query = c.createStatement();
             ResultSet rs = query.executeQuery("""
                     SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock'""")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
