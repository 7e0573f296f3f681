package io.documind.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from the zonky binaries, run as a separate server process. With a data directory the
 * cluster is kept between runs (initdb only on first use); without one it lives in a temp directory
 * that is deleted on close. Close it: the server process does not end with this JVM by itself.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String USER = "postgres"; // zonky's superuser; trust auth, the password is not checked
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir where the cluster lives and is kept, or null for a throw-away temp directory
     * @param port    0 for a free port
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        // zonky's defaults already trade durability for speed (fsync off, synchronous_commit off): fine for
        // tests and for local data, which a crash of the launcher does not lose (only an OS crash could).
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(FreePorts.orPick(port))
                // Services and their tests each hold a connection pool; PostgreSQL's own default of 100 runs out.
                .setServerConfig("max_connections", "300")
                .setPGStartupWait(Duration.ofSeconds(60))
                // Owners close us in their own shutdown hooks, in an order (services before the database)
                // that a second, concurrently running hook of zonky's would break.
                .setRegisterShutdownHook(false);
        if (dataDir != null) {
            // zonky runs initdb only when postgresql.conf is missing or cleaning is on, so this reuses the cluster.
            builder.setDataDirectory(dataDir.toAbsolutePath()).setCleanDataDirectory(false);
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            LOG.info("Embedded PostgreSQL listening on 127.0.0.1:{}", postgres.getPort());
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public void createDatabaseIfMissing(String database) {
        PostgresAdmin.createDatabaseIfMissing(jdbcUrl("postgres"), USER, PASSWORD, database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
