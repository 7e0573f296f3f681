package io.documind.kit.jdbc;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL on the caller's transaction, for a service's repositories. Binds String[] as a text
 * array, Long[] as a bigint array and Instant as timestamptz, which the driver does not do on its own.
 */
@Singleton
public class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;

    public Sql(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessFailure(sql, e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            return result;
        } catch (SQLException e) {
            throw new DataAccessFailure(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(sql, row, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.stream().findFirst();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        Connection c = transactions.getConnection();
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof String[] array) {
                    statement.setArray(i + 1, c.createArrayOf("text", array));
                } else if (p instanceof Long[] array) {
                    statement.setArray(i + 1, c.createArrayOf("bigint", array));
                } else if (p instanceof Instant instant) {
                    statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
                } else {
                    statement.setObject(i + 1, p);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /**
     * A statement failed; keeps the SQLException as cause so outages are still recognised as transient. A
     * micronaut-data {@link DataAccessException}, so routes answer it as they answer a repository's failures.
     */
    public static final class DataAccessFailure extends DataAccessException {
        DataAccessFailure(String sql, SQLException cause) {
            super("SQL failed (" + cause.getSQLState() + "): " + firstLine(sql), cause);
        }

        private static String firstLine(String sql) {
            String s = sql.strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl) + " ...";
        }
    }
}
