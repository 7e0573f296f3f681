package io.documind.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.Topics;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.document.Api.Reply;
import io.documind.document.documents.DocumentRules;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.documind.document.Api.body;
import static io.documind.document.Api.ids;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document API on real PostgreSQL and Kafka: lifecycle and events, pages, search, bad input, concurrency. */
@MicronautTest(transactional = false)
class DocumentApiTest extends DocumentServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String newOrganization() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aDocumentLivesAndDiesWithEventsThatMatchTheirSchemas() throws Exception {
        String org = newOrganization();
        String author = Api.token("alice", org, Api.MEMBER);
        Reply created = api.post("/documents", author, body("title", "  Design notes ", "content", "First draft"));
        assertEquals(201, created.status(), created.raw().body());
        String id = created.id();
        assertEquals("/documents/" + id, created.header("Location").orElseThrow());
        assertEquals("\"1\"", created.etag());
        assertEquals("Design notes", created.json().path("title").asText());
        assertEquals("alice", created.json().path("authorId").asText());
        assertEquals(org, created.json().path("organizationId").asText());
        assertEquals(1, created.json().path("version").asLong());
        assertEquals(created.json().path("createdAt"), created.json().path("updatedAt"));

        Reply read = api.get("/documents/" + id, Api.token("carol", org, Api.COLLABORATOR));
        assertEquals(200, read.status());
        assertEquals(created.json(), read.json());
        assertEquals("\"1\"", read.etag());

        Reply updated = api.patch("/documents/" + id, Api.token("bob", org, Api.MEMBER), body("title", "Design"), "\"1\"");
        assertEquals(200, updated.status(), updated.raw().body());
        assertEquals("\"2\"", updated.etag());
        assertEquals("Design", updated.json().path("title").asText());
        assertEquals("First draft", updated.json().path("content").asText(), "an absent field stays");
        assertEquals("bob", updated.json().path("updatedBy").asText());
        assertEquals("alice", updated.json().path("authorId").asText());

        Reply stale = api.patch("/documents/" + id, author, body("content", "lost update"), "\"1\"");
        assertEquals(412, stale.status());
        assertEquals("application/problem+json", stale.contentType());
        assertEquals("First draft", api.get("/documents/" + id, author).json().path("content").asText());

        assertEquals(412, api.delete("/documents/" + id, Api.admin(org), "\"1\"").status());
        assertEquals(204, api.delete("/documents/" + id, Api.admin(org), "\"2\"").status());
        assertEquals(404, api.get("/documents/" + id, author).status());
        assertEquals(404, api.delete("/documents/" + id, Api.admin(org), null).status());

        List<JsonNode> events = await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(org), e -> e.size() >= 3);
        assertEquals(List.of("DocumentCreated", "DocumentUpdated", "DocumentDeleted"),
                events.stream().map(e -> e.path("type").asText()).toList());
        assertEquals("alice", events.get(0).path("data").path("authorId").asText());
        assertEquals(2, events.get(1).path("data").path("version").asLong());
        assertEquals("bob", events.get(1).path("data").path("updatedBy").asText());
        assertEquals(id, events.get(2).path("data").path("documentId").asText());
    }

    @Test
    void anEmptyIfMatchIsA400AndChangesNothing() {
        String org = newOrganization();
        String admin = Api.admin(org);
        String id = api.post("/documents", admin, body("title", "Plan", "content", "v1")).id();
        for (String empty : List.of("", "  ")) {
            Reply patch = api.patch("/documents/" + id, admin, body("content", "v2"), empty);
            assertEquals(400, patch.status(), patch.raw().body());
            assertEquals("If-Match", patch.json().path("errors").path(0).path("field").asText(), patch.raw().body());
            assertEquals(400, api.delete("/documents/" + id, admin, empty).status());
        }
        Reply unchanged = api.get("/documents/" + id, admin);
        assertEquals("v1", unchanged.json().path("content").asText());
        assertEquals("\"1\"", unchanged.etag());
    }

    @Test
    void ifMatchWithSeveralEntityTagsMatchesAnyOfThem() {
        String org = newOrganization();
        String admin = Api.admin(org);
        String id = api.post("/documents", admin, body("title", "Tagged", "content", "v1")).id();

        Reply updated = api.patch("/documents/" + id, admin, body("content", "v2"), "\"7\", W/\"1\", \"1\"");
        assertEquals(200, updated.status(), updated.raw().body());
        assertEquals("\"2\"", updated.etag());
        assertEquals(412, api.patch("/documents/" + id, admin, body("content", "v3"), "\"1\", W/\"2\"").status(),
                "a weak tag never matches");
        assertEquals(412, api.delete("/documents/" + id, admin, "\"3\", \"1\"").status());
        assertEquals(204, api.delete("/documents/" + id, admin, "\"1\", \"2\", \"3\"").status());
        assertEquals(404, api.delete("/documents/" + id, admin, "\"2\"").status());
    }

    @Test
    void listsAreNewestFirstInPagesThatCursorsContinue() {
        String org = newOrganization();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(api.create(org, "Doc " + i, "text " + i).path("id").asText());
        }
        Collections.reverse(created);
        String reader = Api.token("reader", org, Api.COLLABORATOR);

        Reply first = api.get("/documents", reader);
        assertEquals(20, ids(first.json()).size(), "default page size");
        assertFalse(first.json().path("items").get(0).has("content"), "lists leave the content out");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            Reply page = api.get("/documents?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), reader);
            assertEquals(200, page.status(), page.raw().body());
            sizes.add(ids(page.json()).size());
            seen.addAll(ids(page.json()));
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null && sizes.size() < 10);
        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(created, seen);

        Reply exact = api.get("/documents?limit=25", reader);
        assertEquals(25, ids(exact.json()).size());
        assertTrue(exact.json().path("nextCursor").isNull(), "no empty last page");
    }

    @Test
    void fullTextSearchFindsWordsWithinTheOrganizationOnly() {
        String org = newOrganization();
        String other = newOrganization();
        String budget = api.create(org, "Quarterly budget", "Numbers for the finance reports").path("id").asText();
        String roadmap = api.create(org, "Roadmap", "What we build next; the budget is elsewhere").path("id").asText();
        api.create(org, "Holiday plan", "Beaches").path("id").asText();
        String foreign = api.create(other, "Budget of someone else", "budget").path("id").asText();
        String reader = Api.token("reader", org, Api.COLLABORATOR);

        List<String> hits = ids(api.get("/documents?q=budget", reader).json());
        assertEquals(List.of(roadmap, budget), hits, "newest first, both title and content match");
        assertFalse(hits.contains(foreign));
        assertEquals(List.of(budget), ids(api.get("/documents?q=report", reader).json()), "stemming: reports");
        assertEquals(List.of(budget), ids(api.get("/documents?q=%22finance+reports%22", reader).json()), "phrase");
        assertEquals(List.of(), ids(api.get("/documents?q=nothing-like-this", reader).json()));
        assertEquals(200, api.get("/documents?q=%27%22%28%29%21%3A%26%7C", reader).status(), "any text is a query");

        Reply page = api.get("/documents?q=budget&limit=1", reader);
        String cursor = page.json().path("nextCursor").asText();
        assertEquals(List.of(budget), ids(api.get("/documents?q=budget&limit=1&cursor=" + cursor, reader).json()));
        Reply otherQuery = api.get("/documents?q=roadmap&limit=1&cursor=" + cursor, reader);
        assertEquals(400, otherQuery.status(), "a cursor belongs to its query");
    }

    /** Both search plans (the newest-first walk for common words, GIN for rare ones) give the same order and pages. */
    @Test
    void rareAndCommonWordsAreBothFoundNewestFirst() throws Exception {
        String org = newOrganization();
        int common = 5100; // far more than the walk of a page of 3 reads (400 rows): "rarity" is found through GIN
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO document (id, organization_id, title, content, author_id, updated_by, created_at, updated_at)
                     SELECT gen_random_uuid(), ?, 'Seeded ' || i, 'everywhere' || CASE WHEN i % 2000 = 0 THEN ' rarity' ELSE '' END,
                            'seed', 'seed', now() - make_interval(secs => i), now() - make_interval(secs => i)
                     FROM generate_series(1, ?) AS i""")) {
            s.setString(1, org);
            s.setInt(2, common);
            s.executeUpdate();
        }
        String reader = Api.token("reader", org, Api.COLLABORATOR);

        JsonNode first = api.get("/documents?q=everywhere&limit=3", reader).json();
        assertEquals(List.of("Seeded 1", "Seeded 2", "Seeded 3"), titles(first));
        JsonNode second = api.get("/documents?q=everywhere&limit=3&cursor=" + first.path("nextCursor").asText(), reader).json();
        assertEquals(List.of("Seeded 4", "Seeded 5", "Seeded 6"), titles(second));

        JsonNode rare = api.get("/documents?q=rarity&limit=2", reader).json();
        assertEquals(List.of("Seeded 2000", "Seeded 4000"), titles(rare));
        assertTrue(rare.path("nextCursor").isNull());
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.path("items").forEach(item -> titles.add(item.path("title").asText()));
        return titles;
    }

    @Test
    void badInputIsAProblemAndChangesNothing() throws Exception {
        String org = newOrganization();
        String id = api.create(org, "Keep", "me").path("id").asText();
        String admin = Api.admin(org);
        String forged = forgedCursor();
        String foreignCursor = cursorOfAnotherOrganization();
        long before = count();

        List<Object> badCreates = List.of(
                body("content", "no title"),
                body("title", "   ", "content", "blank title"),
                body("title", "\u200b", "content", "invisible title"),
                body("title", "Bell\u0007", "content", "control character in the title"),
                body("title", "Two\nlines", "content", "line break in the title"),
                body("title", "t".repeat(DocumentRules.MAX_TITLE_LENGTH + 1), "content", "long title"),
                body("title", "No content"),
                body("title", "Unknown field", "content", "x", "organizationId", newOrganization()),
                body("title", "NUL", "content", "a\u0000b"),
                "{\"title\": ",
                "[]");
        for (Object bad : badCreates) {
            Reply r = api.post("/documents", admin, bad);
            assertEquals(400, r.status(), bad + " → " + r.raw().body());
            assertEquals("application/problem+json", r.contentType(), bad.toString());
        }
        Reply tooLarge = api.post("/documents", admin,
                body("title", "Big", "content", "é".repeat(DocumentRules.MAX_CONTENT_BYTES / 2 + 1)));
        assertEquals(413, tooLarge.status());
        assertEquals("application/problem+json", tooLarge.contentType());
        assertEquals("content", tooLarge.json().path("errors").get(0).path("field").asText());
        assertEquals(201, api.post("/documents", admin,
                body("title", "Exactly at the limit", "content", "a".repeat(DocumentRules.MAX_CONTENT_BYTES))).status());
        before++;
        // 500 characters of two UTF-16 units each: at the limit as the database and the event schema count.
        String emoji = "\uD83D\uDE00".repeat(DocumentRules.MAX_TITLE_LENGTH);
        Reply emojiTitle = api.post("/documents", admin, body("title", emoji, "content", "wide title"));
        assertEquals(201, emojiTitle.status(), emojiTitle.raw().body());
        assertEquals(emoji, emojiTitle.json().path("title").asText());
        before++;
        assertEquals(400, api.post("/documents", admin, body("title", emoji + "x", "content", "one more")).status());

        for (Object bad : List.<Object>of(body(), body("title", ""), body("colour", "red"), body("title", "x", "id", id))) {
            Reply r = api.patch("/documents/" + id, admin, bad, null);
            assertEquals(400, r.status(), bad + " → " + r.raw().body());
        }
        assertEquals(413, api.patch("/documents/" + id, admin,
                body("content", "x".repeat(DocumentRules.MAX_CONTENT_BYTES + 1)), null).status());
        assertEquals(400, api.get("/documents/not-a-uuid", admin).status());

        for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "cursor=%25%25%25",
                "cursor=" + "A".repeat(200), "cursor=" + forged, "cursor=" + foreignCursor,
                "q=" + "x".repeat(257))) {
            Reply r = api.get("/documents?" + query, admin);
            assertEquals(400, r.status(), query + " → " + r.raw().body());
            assertEquals("application/problem+json", r.contentType(), query);
        }
        assertEquals(before, count(), "nothing was written");
        JsonNode kept = api.get("/documents/" + id, admin).json();
        assertEquals("Keep", kept.path("title").asText());
        assertEquals(1, kept.path("version").asLong());
    }

    /** The kit's one check (StorableTextFilter) on this service's routes: a 400 naming the field, nothing written. */
    @Test
    void unstorableTextIsRefusedNamingTheField() throws Exception {
        String org = newOrganization();
        String id = api.create(org, "Keep", "me").path("id").asText();
        String admin = Api.admin(org);
        long before = count();
        Map<Reply, String> cases = new java.util.LinkedHashMap<>();
        cases.put(api.post("/documents", admin, body("title", "a\u0000b", "content", "x")), "title");
        // As JSON's escape: a client cannot encode a lone surrogate in UTF-8 at all.
        cases.put(api.post("/documents", admin, "{\"title\":\"t\",\"content\":\"x\\uD800y\"}"), "content");
        cases.put(api.patch("/documents/" + id, admin, body("content", "\u0000"), null), "content");
        cases.put(api.get("/documents?q=a%00b", admin), "q");
        cases.forEach((r, field) -> {
            assertEquals(400, r.status(), r.raw().body());
            assertEquals("application/problem+json", r.contentType());
            assertEquals(field, r.json().path("errors").get(0).path("field").asText(), r.raw().body());
        });
        assertEquals(before, count(), "nothing was written");
        assertEquals("me", api.get("/documents/" + id, admin).json().path("content").asText());
    }

    @Test
    void concurrentUpdatesOfOneDocumentNeitherLoseNorDoubleApply() throws Exception {
        String org = newOrganization();
        String id = api.create(org, "Contended", "v1").path("id").asText();
        int writers = 6;

        // Everyone read version 1 and sends If-Match "1": exactly one wins, the others learn it changed.
        List<Integer> conditional = race(writers, i -> api.patch("/documents/" + id,
                Api.token("writer-" + i, org, Api.MEMBER), body("content", "by " + i), "\"1\"").status());
        assertEquals(1, conditional.stream().filter(s -> s == 200).count(), conditional.toString());
        assertEquals(writers - 1, conditional.stream().filter(s -> s == 412).count(), conditional.toString());

        // Unconditional updates queue on the row lock: none lost, each gets its own version.
        List<Integer> unconditional = race(writers, i -> api.patch("/documents/" + id,
                Api.token("writer-" + i, org, Api.MEMBER), body("title", "Title " + i), null).status());
        assertTrue(unconditional.stream().allMatch(s -> s == 200), unconditional.toString());
        assertEquals(2 + writers, api.get("/documents/" + id, Api.admin(org)).json().path("version").asLong());

        List<JsonNode> updates = await().atMost(Duration.ofSeconds(30)).until(
                () -> eventsOf(org).stream().filter(e -> e.path("type").asText().equals("DocumentUpdated")).toList(),
                e -> e.size() >= 1 + writers);
        assertEquals(1 + writers, updates.size());
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L),
                updates.stream().map(e -> e.path("data").path("version").asLong()).sorted().toList());
    }

    private static <T> List<T> race(int n, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int w = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(w);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The right shape (base64url, right length and format byte) with a made-up position and MAC. */
    private static String forgedCursor() {
        byte[] bytes = new byte[41];
        bytes[0] = 1;
        for (int i = 1; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A real cursor, issued to another organization. */
    private String cursorOfAnotherOrganization() {
        String other = newOrganization();
        api.create(other, "One", "1");
        api.create(other, "Two", "2");
        String cursor = api.get("/documents?limit=1", Api.admin(other)).json().path("nextCursor").asText();
        assertNotNull(cursor);
        return cursor;
    }

    /** The organization's events on document.events.v1, each checked against its JSON Schema. */
    private static List<JsonNode> eventsOf(String organizationId) {
        EventSchemaValidator schemas = new EventSchemaValidator();
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(TestInfrastructure.kafka().bootstrapServers(),
                Topics.DOCUMENT_EVENTS)) {
            if (organizationId.equals(r.key())) {
                String value = new String(r.value(), StandardCharsets.UTF_8);
                assertEquals(List.of(), schemas.validate(r.topic(), value));
                try {
                    events.add(JSON.readTree(value));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return events;
    }

    private long count() throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM document");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theLimitsArePublic() {
        Reply limits = api.get("/documents/limits", null);
        assertEquals(200, limits.status());
        assertEquals(DocumentRules.MAX_CONTENT_BYTES, limits.json().path("maxContentBytes").asInt());
        assertNull(limits.header("WWW-Authenticate").orElse(null));
    }
}
