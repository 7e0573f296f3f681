package io.documind.localstack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PostgreSQL server someone else runs (CI service, docker compose), given by an admin JDBC URL. */
public final class ExternalPostgresServer implements PostgresServer {

    /** jdbc:postgresql://hosts/database?params, split around the database name. */
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(\\?.*)?");

    private final String adminJdbcUrl;
    private final String serverPart;
    private final String parameters;
    private final String username;
    private final String password;

    /** @param adminJdbcUrl a URL whose user may CREATE DATABASE, e.g. {@code jdbc:postgresql://db:5432/postgres} */
    public ExternalPostgresServer(String adminJdbcUrl, String username, String password) {
        Matcher matcher = URL.matcher(adminJdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + adminJdbcUrl);
        }
        this.adminJdbcUrl = adminJdbcUrl;
        this.serverPart = matcher.group(1);
        this.parameters = matcher.group(3) == null ? "" : matcher.group(3);
        this.username = username;
        this.password = password;
    }

    @Override
    public String jdbcUrl(String database) {
        return serverPart + "/" + database + parameters;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void createDatabaseIfMissing(String database) {
        PostgresAdmin.createDatabaseIfMissing(adminJdbcUrl, username, password, database);
    }

    /** Nothing to stop: the server is not ours. */
    @Override
    public void close() {
    }
}
