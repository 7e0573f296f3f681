package io.documind.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.document.documents.DocumentRepository;
import io.documind.document.documents.TenantTransactions;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second isolation layer on its own: SQL with no organization filter at all, run the way the service runs
 * tenant work, still only reaches the bound organization's rows.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityTest implements TestPropertyProvider {

    private static final Duration LIST_LIMIT = Duration.ofSeconds(5);

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    TenantTransactions tenants;

    @Inject
    TransactionOperations<Connection> transactions;

    private final String a = UUID.randomUUID().toString();
    private final String b = UUID.randomUUID().toString();

    @Override
    public Map<String, String> getProperties() {
        return DocumentServiceContext.properties();
    }

    @BeforeAll
    void documentsInTwoOrganizations() {
        Api api = new Api(server.getURI());
        for (int i = 0; i < 3; i++) {
            api.create(a, "A " + i, "alpha");
        }
        for (int i = 0; i < 2; i++) {
            api.create(b, "B " + i, "beta");
        }
    }

    @Test
    void theServicesRoleCannotBypassThePolicy() throws SQLException {
        try (Connection c = raw()) {
            List<Object> role = row(c, "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?",
                    TenantTransactions.APP_ROLE);
            assertEquals(List.of(false, false), role, "neither superuser nor BYPASSRLS");
            List<Object> table = row(c, """
                    SELECT relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner)
                    FROM pg_class WHERE relname = 'document'""");
            assertEquals(true, table.get(0), "row-level security is on");
            assertEquals(true, table.get(1), "and forced, even for the owner");
            assertNotEquals(TenantTransactions.APP_ROLE, table.get(2), "the role does not own the table");
        }
    }

    /**
     * Under the policy an index serves a condition only if its functions on the row are LEAKPROOF; the migrations
     * mark text search's and the tagging's, so a selective search goes through the GIN index for the service's role
     * too. And that index keeps each organization's words apart: the lookup reads this organization's entries for
     * the word and none of the other organization's, so its time cannot tell how often the word occurs there.
     */
    @Test
    void fullTextSearchUsesItsIndexUnderThePolicyAndReadsOnlyItsOwnOrganizationsEntries() throws Exception {
        try (Connection c = raw()) {
            assertEquals(List.of(true, true), row(c, "SELECT"
                    + " (SELECT proleakproof FROM pg_proc WHERE oid = 'ts_match_vq(tsvector,tsquery)'::regprocedure),"
                    + " (SELECT proleakproof FROM pg_proc"
                    + "  WHERE oid = 'document_search_words(text,tsvector)'::regprocedure)"));
            c.setAutoCommit(false);
            try {
                // Enough rows (rolled back afterwards) that one rare word is worth the index: in a, one document has
                // it; in b, 400 do.
                update(c, """
                        INSERT INTO document (id, organization_id, title, content, author_id, updated_by, created_at, updated_at)
                        SELECT gen_random_uuid(), '%s', 'Filler ' || i,
                               CASE WHEN i = 1 THEN 'one zeppelin' ELSE 'common words only' END, 'me', 'me', now(), now()
                        FROM generate_series(1, 5000) AS i""".formatted(a));
                update(c, """
                        INSERT INTO document (id, organization_id, title, content, author_id, updated_by, created_at, updated_at)
                        SELECT gen_random_uuid(), '%s', 'Theirs ' || i, 'a zeppelin of theirs', 'me', 'me', now(), now()
                        FROM generate_series(1, 400) AS i""".formatted(b));
                update(c, "ANALYZE document");
                bind(c, a);
                String lookup = "EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM document WHERE organization_id = '%s' AND"
                        .formatted(a) + DocumentRepository.INDEXED_MATCHING
                        .replace(":organizationId", "'" + a + "'").replace(":query", "'zeppelin'");
                JsonNode plan;
                try (PreparedStatement s = c.prepareStatement(lookup); ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    plan = new ObjectMapper().readTree(rs.getString(1));
                }
                assertEquals(1, plan.path(0).path("Plan").path("Actual Rows").asDouble(), "found: " + plan);
                JsonNode indexScan = plan.findParents("Node Type").stream()
                        .filter(node -> node.path("Node Type").asText().equals("Bitmap Index Scan"))
                        .findFirst().orElseThrow(() -> new AssertionError("no index lookup: " + plan));
                assertEquals("document_search_by_organization", indexScan.path("Index Name").asText(), plan.toString());
                assertEquals(1, indexScan.path("Actual Rows").asDouble(), "entries the lookup read: " + plan);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void unfilteredSqlInTheServicesTenantTransactionSeesOneOrganization() {
        // The service's own binding (TenantTransactions), then SQL that forgot every filter.
        assertEquals(List.of(3L, 1L), tenants.read(a, LIST_LIMIT, documents -> unfilteredCounts(transactions.getConnection())));
        assertEquals(List.of(2L, 1L), tenants.read(b, LIST_LIMIT, documents -> unfilteredCounts(transactions.getConnection())));
    }

    /**
     * A list's read stops a statement that runs past its limit (PostgreSQL's query_canceled, which the kit answers
     * 503), and the limit ends with the transaction: the pooled connection goes back without it.
     */
    @Test
    void aListReadIsStoppedPastItsLimitAndTheLimitEndsWithIt() {
        Exception stopped = assertThrows(Exception.class, () -> tenants.read(a, Duration.ofMillis(50),
                documents -> rowUnchecked(transactions.getConnection(), "SELECT pg_sleep(5)")));
        assertTrue(stateOf(stopped).contains("57014"), stopped.toString());
        for (int i = 0; i < 12; i++) { // the failed transaction's connection (Hikari hands it back first) and others
            assertEquals("0", transactions.executeRead(
                    status -> (String) rowUnchecked(status.getConnection(), "SHOW statement_timeout").get(0)));
        }
        assertEquals("3s", tenants.read(a, Duration.ofSeconds(3),
                documents -> (String) rowUnchecked(transactions.getConnection(), "SHOW statement_timeout").get(0)));
    }

    private static String stateOf(Throwable e) {
        StringBuilder states = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                states.append(sql.getSQLState()).append(' ');
            }
        }
        return states.toString();
    }

    private static List<Object> rowUnchecked(Connection c, String sql) {
        try {
            return row(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unfilteredWritesStayInTheBoundOrganization() throws SQLException {
        try (Connection c = raw()) {
            c.setAutoCommit(false);
            try {
                bind(c, a);
                assertEquals(3, update(c, "UPDATE document SET title = 'hijacked'"));
                assertEquals(3, update(c, "DELETE FROM document"));
                SQLException crossInsert = assertThrows(SQLException.class, () -> update(c, """
                        INSERT INTO document (id, organization_id, title, content, author_id, updated_by, created_at, updated_at)
                        VALUES (gen_random_uuid(), '%s', 'planted', 'x', 'me', 'me', now(), now())""".formatted(b)));
                assertTrue(crossInsert.getMessage().contains("row-level security"), crossInsert.getMessage());
            } finally {
                c.rollback();
            }
            c.setAutoCommit(true);
            assertEquals(2L, row(c, "SELECT count(*) FROM document WHERE organization_id = ? AND title LIKE 'B %'", b)
                    .get(0), "B untouched");
        }
    }

    @Test
    void withoutAnOrganizationTheRoleSeesNothing() throws SQLException {
        try (Connection c = raw()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT set_config('role', ?, true)")) {
                s.setString(1, TenantTransactions.APP_ROLE);
                s.execute();
            }
            assertEquals(List.of(0L, 0L), unfilteredCounts(c));
            c.rollback();
        }
    }

    @Test
    void theBindingEndsWithTheTransaction() throws SQLException {
        try (Connection c = raw()) {
            c.setAutoCommit(false);
            bind(c, a);
            c.commit();
            List<Object> after = row(c, "SELECT current_user::text, coalesce(current_setting(?, true), '')",
                    TenantTransactions.ORGANIZATION_SETTING);
            assertNotEquals(TenantTransactions.APP_ROLE, after.get(0), "the role reverted");
            assertEquals("", after.get(1), "the organization reverted");
            c.setAutoCommit(true);
        }
    }

    /**
     * {@link TenantTransactions#readDocument} relies on this: on an auto-commit connection, a binding sent in one
     * message with the statement after it holds for that statement and reverts at the message's end.
     */
    @Test
    void aBindingSentWithItsSelectHoldsForItAndEndsWithTheMessage() throws SQLException {
        try (Connection c = raw()) {
            assertTrue(c.getAutoCommit());
            try (PreparedStatement s = c.prepareStatement("SELECT set_config('role', ?, true) || set_config(?, ?, true);"
                    + " SELECT current_user::text, count(*), count(DISTINCT organization_id) FROM document")) {
                s.setString(1, TenantTransactions.APP_ROLE);
                s.setString(2, TenantTransactions.ORGANIZATION_SETTING);
                s.setString(3, b);
                s.execute();
                assertTrue(s.getMoreResults());
                try (ResultSet rs = s.getResultSet()) {
                    assertTrue(rs.next());
                    assertEquals(List.of(TenantTransactions.APP_ROLE, 2L, 1L),
                            List.of(rs.getString(1), rs.getLong(2), rs.getLong(3)), "bound for the select");
                }
            }
            List<Object> after = row(c, "SELECT current_user::text, coalesce(current_setting(?, true), '')",
                    TenantTransactions.ORGANIZATION_SETTING);
            assertNotEquals(TenantTransactions.APP_ROLE, after.get(0), "the role reverted");
            assertEquals("", after.get(1), "the organization reverted");
        }
        UUID ofA = tenants.read(a, LIST_LIMIT, documents -> documents.page(a, null, null, 1)).getFirst().id();
        assertTrue(tenants.readDocument(a, ofA).isPresent());
        assertTrue(tenants.readDocument(b, ofA).isEmpty(), "another organization's document does not exist");
    }

    private Connection raw() throws SQLException {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private static void bind(Connection c, String organizationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('role', ?, true), set_config(?, ?, true)")) {
            s.setString(1, TenantTransactions.APP_ROLE);
            s.setString(2, TenantTransactions.ORGANIZATION_SETTING);
            s.setString(3, organizationId);
            s.execute();
        }
    }

    /** [rows visible, organizations visible] with no WHERE clause at all. */
    private static List<Long> unfilteredCounts(Connection c) {
        try {
            List<Object> r = row(c, "SELECT count(*), count(DISTINCT organization_id) FROM document");
            return List.of((Long) r.get(0), (Long) r.get(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            return s.executeUpdate();
        }
    }

    private static List<Object> row(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                List<Object> values = new java.util.ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getObject(i));
                }
                return values;
            }
        }
    }
}
