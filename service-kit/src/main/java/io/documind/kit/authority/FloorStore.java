package io.documind.kit.authority;

import io.documind.kit.jdbc.Sql;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The floors in the service's own database ({@code authority_floor}), so they survive restarts and replays. */
@Singleton
public class FloorStore {

    private static final String COLUMNS =
            "subject, organization_id, version, cause, floor(extract(epoch FROM learned_at) * 1000)::bigint";

    private final Sql sql;

    public FloorStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * Raises the floor in the caller's transaction; a lower or equal version changes nothing, so replays and
     * out-of-order events are harmless. The table's trigger notifies every instance when the transaction commits.
     */
    public void raise(Floor floor) {
        sql.update("""
                INSERT INTO authority_floor (subject, organization_id, version, cause) VALUES (?, ?, ?, ?)
                ON CONFLICT (subject, organization_id) DO UPDATE
                    SET version = EXCLUDED.version, cause = EXCLUDED.cause, learned_at = now()
                    WHERE authority_floor.version < EXCLUDED.version""",
                floor.subject(), floor.organizationId(), floor.version(), floor.cause().name());
    }

    /** Every floor learned within {@code retention}, on a connection of the caller's (the listener's own). */
    static List<Floor> load(Connection c, Duration retention) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM authority_floor WHERE learned_at >= now() - make_interval(secs => ?)")) {
            select.setLong(1, retention.toSeconds());
            try (ResultSet rs = select.executeQuery()) {
                List<Floor> floors = new ArrayList<>();
                while (rs.next()) {
                    floors.add(new Floor(rs.getString(1), rs.getString(2), rs.getLong(3),
                            Cause.valueOf(rs.getString(4)), rs.getLong(5)));
                }
                return floors;
            }
        }
    }

    /** Deletes floors older than {@code retention}: every token they could refuse has expired. */
    static int forget(Connection c, Duration retention) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM authority_floor WHERE learned_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, retention.toSeconds());
            return delete.executeUpdate();
        }
    }
}
