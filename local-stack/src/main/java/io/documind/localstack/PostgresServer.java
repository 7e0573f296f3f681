package io.documind.localstack;

/** A PostgreSQL server holding one database per service (or per test). */
public interface PostgresServer extends AutoCloseable {

    /** {@code jdbc:postgresql://127.0.0.1:PORT/database} (host and parameters as configured for external servers). */
    String jdbcUrl(String database);

    String username();

    String password();

    /** Creates the database unless it exists; safe to call concurrently from several processes. */
    void createDatabaseIfMissing(String database);

    @Override
    void close();
}
