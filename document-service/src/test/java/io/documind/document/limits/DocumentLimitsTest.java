package io.documind.document.limits;

import io.documind.document.Api;
import io.documind.document.Api.Reply;
import io.documind.document.DocumentServiceTest;
import io.documind.document.documents.DocumentRules;
import io.documind.document.documents.TenantTransactions;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.documind.document.Api.body;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Abuse limits on documents (issue 16 part 5): a creation rate and a cap on documents stored, per organization. */
@MicronautTest(transactional = false)
class DocumentLimitsTest extends DocumentServiceTest {

    @Inject
    ListSlots listSlots;

    private static final int RATE = 5;
    private static final int CAP = 3;
    private static final int UPDATES = 4;
    /** The least the setting may be: one document of the largest size. */
    private static final int CHARACTERS = DocumentRules.LARGEST_WRITE;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("documind.document.limits.creations-per-organization", String.valueOf(RATE));
        p.put("documind.document.limits.updates-per-organization", String.valueOf(UPDATES));
        p.put("documind.document.limits.creation-window", "1h");
        p.put("documind.document.limits.stored-per-organization", String.valueOf(CAP));
        p.put("documind.document.limits.characters-per-organization", String.valueOf(CHARACTERS));
        return p;
    }

    @Test
    void anOrganizationOverItsCreationRateGets429WithRetryAfterAndNothingIsWritten() {
        String org = UUID.randomUUID().toString();
        for (int i = 0; i < RATE; i++) {
            String id = create(org, "Draft " + i).id();
            // Deleting keeps it under the cap, and gives no creation back.
            assertEquals(204, api.delete("/documents/" + id, Api.admin(org), null).status());
        }
        long outbox = count("SELECT count(*) FROM outbox_event");
        Reply refused = create(org, "One too many");
        assertEquals(429, refused.status(), refused.raw().body());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(refused.json().path("detail").asText().contains("within 1 hour;"), refused.raw().body());
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        // At most the rest of this hour plus the share of the next one until the window's weighted count lets one
        // more in: 3600 * (1 + 1 / RATE) seconds right after the hour turns, not just 3600.
        assertTrue(retryAfter >= 1 && retryAfter <= 3600 + 3600 / RATE + 1, "Retry-After " + retryAfter);
        assertEquals(outbox, count("SELECT count(*) FROM outbox_event"), "no event");
        assertEquals(0, count("SELECT count(*) FROM document WHERE organization_id = ?", org), "no document");

        assertEquals(201, create(UUID.randomUUID().toString(), "Elsewhere").status(),
                "another organization has its own rate");
    }

    private static final String INSERTS_TRIED =
            "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM inserts_tried";

    /**
     * A creation small enough to be written in the message that counts it is refused by rolling its row back; a
     * larger one, whose words cost the database far more to index, is refused before its row is written, so a client
     * over its rate cannot keep the database busy with large creations. Sequences are not transactional, so a
     * trigger's nextval shows an INSERT even once it has rolled back.
     */
    @Test
    void aLargeCreationOverTheRateIsRefusedBeforeItsRowIsWritten() throws SQLException {
        String org = UUID.randomUUID().toString();
        for (int i = 0; i < RATE; i++) {
            String id = create(org, "Draft " + i).id();
            assertEquals(204, api.delete("/documents/" + id, Api.admin(org), null).status());
        }
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE inserts_tried");
            s.execute("GRANT USAGE ON SEQUENCE inserts_tried TO " + TenantTransactions.APP_ROLE);
            s.execute("CREATE FUNCTION count_insert_tried() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM nextval('inserts_tried'); RETURN NEW; END $$");
            s.execute("CREATE TRIGGER insert_tried BEFORE INSERT ON document FOR EACH ROW"
                    + " EXECUTE FUNCTION count_insert_tried()");
            try {
                Reply small = api.post("/documents", Api.admin(org), body("title", "Small", "content", "text"));
                assertEquals(429, small.status(), small.raw().body());
                assertEquals(1, count(INSERTS_TRIED), "written, then rolled back");

                String large = "word ".repeat(TenantTransactions.WRITTEN_BEFORE_ADMISSION / 5 + 1);
                Reply refused = api.post("/documents", Api.admin(org), body("title", "Large", "content", large));
                assertEquals(429, refused.status(), refused.raw().body());
                assertEquals(1, count(INSERTS_TRIED), "refused before its INSERT");
                assertEquals(0, count("SELECT count(*) FROM document WHERE organization_id = ?", org));

                String elsewhere = UUID.randomUUID().toString();
                assertEquals(201, api.post("/documents", Api.admin(elsewhere),
                        body("title", "Large", "content", large)).status(), "admitted, then written");
                assertEquals(2, count(INSERTS_TRIED));
                assertEquals(1, count("SELECT count(*) FROM document WHERE organization_id = ? AND content = ?",
                        elsewhere, large));
                assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE record_key = ?"
                        + " AND event_type = 'DocumentCreated'", elsewhere), "its event");
            } finally {
                s.execute("DROP TRIGGER insert_tried ON document");
                s.execute("DROP FUNCTION count_insert_tried()");
                s.execute("DROP SEQUENCE inserts_tried");
            }
        }
    }

    @Test
    void anOrganizationAtItsCapIsRefusedUntilItDeletesADocument() {
        String org = UUID.randomUUID().toString();
        String first = null;
        for (int i = 0; i < CAP; i++) {
            String id = create(org, "Kept " + i).id();
            first = first == null ? id : first;
        }
        long outbox = count("SELECT count(*) FROM outbox_event");
        Reply refused = create(org, "Over the cap");
        assertEquals(422, refused.status(), refused.raw().body());
        assertTrue(refused.json().path("detail").asText().contains("quota"), refused.raw().body());
        assertEquals(outbox, count("SELECT count(*) FROM outbox_event"), "no event");
        assertEquals(CAP, count("SELECT count(*) FROM document WHERE organization_id = ?", org));

        assertEquals(201, create(UUID.randomUUID().toString(), "Elsewhere").status(),
                "another organization has its own cap");
        assertEquals(204, api.delete("/documents/" + first, Api.admin(org), null).status());
        assertEquals(201, create(org, "In the freed place").status());
        assertEquals(422, create(org, "Over again").status());
    }

    /**
     * A PATCH may rewrite a 256 KiB document: without a budget one organization's client could keep the database
     * busy rewriting at every other organization's expense. A refused update writes nothing; the same organization
     * may still create (a separate count), and another may still update.
     */
    @Test
    void anOrganizationOverItsUpdateRateGets429WithRetryAfterAndNothingIsWritten() {
        String org = UUID.randomUUID().toString(), other = UUID.randomUUID().toString();
        String id = create(org, "Edited").id();
        for (int i = 0; i < UPDATES; i++) {
            Reply updated = update(org, id, "Edit " + i);
            assertEquals(200, updated.status(), updated.raw().body());
        }
        long outbox = count("SELECT count(*) FROM outbox_event");
        Reply refused = update(org, id, "One edit too many");
        assertEquals(429, refused.status(), refused.raw().body());
        assertEquals("application/problem+json", refused.contentType());
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3600 + 3600 / UPDATES + 1, "Retry-After " + retryAfter);
        assertEquals(outbox, count("SELECT count(*) FROM outbox_event"), "no event");
        assertEquals(1, count("SELECT count(*) FROM document WHERE id = CAST(? AS UUID) AND title = ? AND version = ?",
                id, "Edit " + (UPDATES - 1), UPDATES + 1), "the document as the last admitted update left it");

        assertEquals(201, create(org, "Still creating").status(), "creations are counted apart");
        String elsewhere = create(other, "Elsewhere").id();
        assertEquals(200, update(other, elsewhere, "Edited elsewhere").status(), "another organization has its own rate");
    }

    /**
     * The rates count writes; the database's cost follows their size (stemming and indexing every word), so the
     * characters an organization writes have a budget of their own. A title-only update of a large document counts
     * its stored content too: the search column is computed again from both and indexed again. A refusal writes
     * nothing and counts nothing; another organization has its own budget.
     */
    @Test
    void anOrganizationOverItsCharactersGets429AndATitleOnlyUpdateCountsTheStoredContent() {
        String org = UUID.randomUUID().toString(), other = UUID.randomUUID().toString();
        String large = "word ".repeat(30_000); // 150,000 characters
        Reply first = api.post("/documents", Api.admin(org), body("title", "Large", "content", large));
        assertEquals(201, first.status(), first.raw().body());
        String id = first.id();

        long outbox = count("SELECT count(*) FROM outbox_event");
        Reply refused = api.post("/documents", Api.admin(org), body("title", "Larger still", "content", large));
        assertEquals(429, refused.status(), refused.raw().body());
        assertEquals("application/problem+json", refused.contentType());
        long retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 2 * 3600, "Retry-After " + retryAfter);
        assertEquals(1, count("SELECT count(*) FROM document WHERE organization_id = ?", org), "no second document");
        assertEquals(outbox, count("SELECT count(*) FROM outbox_event"), "no event");

        Reply retitled = update(org, id, "Renamed");
        assertEquals(429, retitled.status(), "150,000 stored characters count again: " + retitled.raw().body());
        assertEquals(1, count("SELECT count(*) FROM document WHERE id = CAST(? AS UUID) AND title = 'Large'", id));
        assertEquals(150_005L, count("SELECT sum(written) FROM document_allowance WHERE organization_id = ?", org),
                "only the admitted creation is counted");

        Reply small = api.post("/documents", Api.admin(org), body("title", "Small", "content", "a few words"));
        assertEquals(201, small.status(), "a small one still fits: " + small.raw().body());
        Reply elsewhere = api.post("/documents", Api.admin(other), body("title", "Large", "content", large));
        assertEquals(201, elsewhere.status(), "another organization has its own budget: " + elsewhere.raw().body());
    }

    /**
     * DELETE (and the purge) lock a document's row and then, through their trigger, its shard's allowance row; an
     * update takes them in the same order. Here a transaction holds the document, a PATCH waits for it, and the
     * transaction then deletes the document (taking the shard's row) and commits: no deadlock, and the PATCH finds
     * the document gone. Counting before locking the document deadlocked here, and one of the two was aborted.
     */
    @Test
    void anUpdateWaitingForADeleteOfItsDocumentDoesNotDeadlockWithIt() throws Exception {
        String org = UUID.randomUUID().toString();
        String id = create(org, "Contended").id();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            c.setAutoCommit(false);
            execute(c, "SELECT 1 FROM document WHERE id = CAST(? AS UUID) FOR UPDATE", id);
            CompletableFuture<Reply> patch = CompletableFuture.supplyAsync(() -> update(org, id, "Meanwhile"));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%document%'") > 0);
            execute(c, "DELETE FROM document WHERE id = CAST(? AS UUID)", id);
            c.commit();
            Reply gone = patch.get(30, TimeUnit.SECONDS);
            assertEquals(404, gone.status(), gone.raw().body());
        }
    }

    /** All 16 of the organization's shard rows, in the window at {@code windowStart}, with these counts. */
    private void everyShardIn(String org, Instant windowStart, String columns, long... counts) throws SQLException {
        String values = String.join(", ", java.util.Collections.nCopies(counts.length, "?"));
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO document_allowance (organization_id, shard,"
                     + " window_start, " + columns + ") SELECT ?, shard, ?, " + values
                     + " FROM generate_series(0, 15) AS shard")) {
            s.setString(1, org);
            s.setObject(2, java.time.OffsetDateTime.ofInstant(windowStart, java.time.ZoneOffset.UTC));
            for (int i = 0; i < counts.length; i++) {
                s.setLong(3 + i, counts[i]);
            }
            s.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            s.execute();
        }
    }

    /**
     * The characters counted in the window just ended become the shard's "before" when a write moves the shard on, as
     * the creations do; the shards no write touched keep theirs, and are read as the window before. (What the sum
     * then admits depends on how far into the hour the test runs; the stored counts do not.)
     */
    @Test
    void aShardMovedToTheNextWindowKeepsTheCharactersOfTheLastOneAsBefore() throws Exception {
        String org = UUID.randomUUID().toString();
        Instant previous = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        everyShardIn(org, previous, "written, written_before", 1000, 77);
        String id = create(org, "Next hour").id(); // "Next hour" and "text": 13 characters
        String shard = "SELECT document_shard(CAST(? AS UUID))";
        long moved = count("SELECT count(*) FROM document_allowance WHERE organization_id = ?"
                + " AND shard = (" + shard + ") AND window_start = ?::timestamptz + interval '1 hour'", org, id,
                java.time.OffsetDateTime.ofInstant(previous, java.time.ZoneOffset.UTC));
        if (moved == 1) { // else the hour turned meanwhile: the window just ended is not the seeded one, nothing moves
            assertEquals(1000, count("SELECT written_before FROM document_allowance WHERE organization_id = ?"
                    + " AND shard = (" + shard + ")", org, id));
            assertEquals(13, count("SELECT written FROM document_allowance WHERE organization_id = ?"
                    + " AND shard = (" + shard + ")", org, id));
        }
        assertEquals(15 * 1000 + 15 * 77, count("SELECT sum(written) + sum(written_before) FROM document_allowance"
                + " WHERE organization_id = ? AND shard <> (" + shard + ")", org, id), "the other shards untouched");
    }

    /**
     * An instance whose clock is behind another's writes into shards the other has already moved to the next window:
     * its write is counted there, and admitted against that window's counts, not against none. Here every shard
     * already holds the next hour's full allowance.
     */
    @Test
    void aWriteWhoseClockIsBehindTheShardsWindowIsWeighedInThatWindow() throws Exception {
        String org = UUID.randomUUID().toString();
        Instant nextHour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        everyShardIn(org, nextHour, "created", RATE);
        Reply refused = create(org, "From a clock behind");
        assertEquals(429, refused.status(), refused.raw().body());
        assertEquals(16L * RATE, count("SELECT sum(created) FROM document_allowance WHERE organization_id = ?", org),
                "the refused creation's count rolled back, and no shard went back to the caller's window");
    }

    /**
     * A deleted organization's documents are purged in batches; one not purged yet is not to be written, whatever
     * token the request holds (its floor may not have reached this instance yet).
     */
    @Test
    void aDocumentOfADeletedOrganizationNotPurgedYetCannotBeUpdated() throws Exception {
        String org = UUID.randomUUID().toString();
        String id = create(org, "Awaiting its purge").id();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            execute(c, "INSERT INTO deleted_organization (organization_id) VALUES (?)", org);
        }
        Reply refused = update(org, id, "Too late");
        assertEquals(404, refused.status(), refused.raw().body());
        assertEquals(1, count("SELECT count(*) FROM document WHERE id = CAST(? AS UUID) AND version = 1", id));
    }

    /** A refused update (here: no such document) is not counted against the organization. */
    @Test
    void anUpdateThatChangesNothingIsNotCounted() {
        String org = UUID.randomUUID().toString();
        for (int i = 0; i < UPDATES + 2; i++) {
            assertEquals(404, update(org, UUID.randomUUID().toString(), "Nowhere").status());
        }
        String id = create(org, "Edited").id();
        assertEquals(200, update(org, id, "First real edit").status());
    }

    @Test
    void anOrganizationsPurgeEmptiesItsCount() {
        String org = UUID.randomUUID().toString();
        create(org, "Soon purged");
        assertEquals(1, count("SELECT coalesce(sum(stored), 0) FROM document_allowance WHERE organization_id = ?", org));
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM document WHERE organization_id = ?")) {
            s.setString(1, org);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(0, count("SELECT coalesce(sum(stored), 0) FROM document_allowance WHERE organization_id = ?", org));
    }

    private Reply update(String org, String id, String title) {
        return api.patch("/documents/" + id, Api.admin(org), body("title", title), null);
    }

    /**
     * A list or search while the organization's slots are all taken (held here as its slow searches would hold them)
     * is refused at once, and another organization's lists go on: one organization's costly searches cannot hold
     * every request thread and pooled connection. Fetching one document is not a list and is not held back.
     */
    @Test
    void anOrganizationWithAllItsListsRunningGets429AndAnotherOrganizationListsAsUsual() {
        String busy = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String id = create(busy, "Budget draft").id();
        create(other, "Budget plan");
        List<ListSlots.Slot> held = new ArrayList<>();
        try {
            for (int i = 0; i < listSlots.perOrganization(); i++) {
                held.add(listSlots.take(busy));
            }
            Reply refused = api.get("/documents?q=budget", Api.admin(busy));
            assertEquals(429, refused.status(), refused.raw().body());
            assertEquals("application/problem+json", refused.contentType());
            assertEquals("1", refused.header("Retry-After").orElseThrow());
            assertEquals(429, api.get("/documents", Api.admin(busy)).status(), "a plain list too");
            assertEquals(listSlots.perOrganization(), listSlots.running(busy), "a refusal takes no slot");

            Reply theirs = api.get("/documents?q=budget", Api.admin(other));
            assertEquals(200, theirs.status(), theirs.raw().body());
            assertEquals(1, Api.ids(theirs.json()).size());
            assertEquals(200, api.get("/documents/" + id, Api.admin(busy)).status());
        } finally {
            held.forEach(ListSlots.Slot::close);
        }
        Reply listed = api.get("/documents?q=budget", Api.admin(busy));
        assertEquals(200, listed.status(), listed.raw().body());
        assertEquals(List.of(id), Api.ids(listed.json()));
        assertEquals(0, listSlots.running(busy), "the list gave its slot back");
    }

    private Reply create(String org, String title) {
        return api.post("/documents", Api.admin(org), body("title", title, "content", "text"));
    }
}
