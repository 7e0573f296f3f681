package io.documind.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search takes two plans (DocumentRepository#page): a bounded walk of the newest documents, and the GIN index when
 * the walk falls short. Every kind of query must give exactly the matches, newest first, page after page, whichever
 * plan answers each page, and only the caller's organization's. Three organizations are seeded with the same words
 * at interleaved times, so a leak would show up in the middle of a page.
 */
@MicronautTest(transactional = false)
class DocumentSearchTest extends DocumentServiceTest {

    private static final int DOCUMENTS = 3000;

    private final String org = UUID.randomUUID().toString();
    private final String other = UUID.randomUUID().toString();
    /** The same documents again, in an organization whose stored count says a million: the walk's cost model. */
    private final String largeOnPaper = UUID.randomUUID().toString();

    /**
     * Document i (1 is the newest) contains "common" when i % 3 == 0, "rare" when i % 1000 == 0, "alpha" when
     * i % 2 == 0, "beta" when i % 5 == 0, "ancient" when i > 2500 and i % 4 == 0 (many matches, but none among
     * the newest documents a walk reads), "sparse" when i % 50 == 0 (too few for the probe walk to fill a page of 7,
     * enough for the walk), "medley" when i <= 3 or i % 200 == 0 (met by the probe, too few for the walk, which meets
     * it often enough for one longer walk to fill the page, taken in the organization large on paper) and "burst"
     * when i <= 3 or i % 500 == 0 (met by the probe, too few for the walk, and for the longer walk after it there).
     */
    @BeforeAll
    void twoOrganizationsWithTheSameWords() throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO document (id, organization_id, title, content, author_id, updated_by, created_at, updated_at)
                     SELECT gen_random_uuid(), ?, ? || i, concat_ws(' ', 'words',
                                CASE WHEN i % 3 = 0 THEN 'common' END, CASE WHEN i % 1000 = 0 THEN 'rare' END,
                                CASE WHEN i % 2 = 0 THEN 'alpha' END, CASE WHEN i % 5 = 0 THEN 'beta' END,
                                CASE WHEN i > 2500 AND i % 4 = 0 THEN 'ancient' END,
                                CASE WHEN i % 50 = 0 THEN 'sparse' END,
                                CASE WHEN i <= 3 OR i % 500 = 0 THEN 'burst' END,
                                CASE WHEN i <= 3 OR i % 200 = 0 THEN 'medley' END),
                            'seed', 'seed', ts, ts
                     FROM (SELECT i, now() - make_interval(secs => i + ?) AS ts FROM generate_series(1, ?) AS i) s""")) {
            for (String organization : List.of(org, other, largeOnPaper)) {
                s.setString(1, organization);
                s.setString(2, organization.equals(org) ? "Doc " : organization.equals(other) ? "Other " : "Large ");
                s.setDouble(3, organization.equals(org) ? 0 : organization.equals(other) ? 0.5 : 0.25);
                s.setInt(4, DOCUMENTS);
                s.executeUpdate();
            }
            // Search takes its longer walk only where the GIN index would read and sort more matches, which depends on
            // the organization's size as its stored count tells it; this one's now tells a million.
            try (PreparedStatement large = c.prepareStatement("UPDATE document_allowance SET stored = stored + ?"
                    + " WHERE organization_id = ? AND shard = (SELECT min(shard) FROM document_allowance"
                    + " WHERE organization_id = ?)")) {
                large.setLong(1, 1_000_000 - DOCUMENTS);
                large.setString(2, largeOnPaper);
                large.setString(3, largeOnPaper);
                assertEquals(1, large.executeUpdate());
            }
        }
    }

    @Test
    void aCommonWordPagesThroughEveryMatchNewestFirst() {
        assertFinds("common", i -> i % 3 == 0);
    }

    @Test
    void aRareWordIsFoundThroughTheWholeOrganization() {
        assertFinds("rare", i -> i % 1000 == 0);
    }

    @Test
    void twoWordsFindDocumentsWithBoth() {
        assertFinds("alpha beta", i -> i % 10 == 0);
        assertFinds("common rare", i -> i % 3000 == 0);
        assertFinds("alpha -beta", i -> i % 2 == 0 && i % 5 != 0);
    }

    @Test
    void manyMatchesThatAreAllOldAreFoundBeyondTheWalk() {
        assertFinds("ancient", i -> i > 2500 && i % 4 == 0);
    }

    @Test
    void aWordTheProbeMeetsTooRarelyIsWalkedFurther() {
        assertFinds("sparse", i -> i % 50 == 0);
    }

    @Test
    void aWordTheWalkMeetsOftenEnoughIsWalkedOnceMore() {
        assertFinds("medley", i -> i <= 3 || i % 200 == 0);
    }

    @Test
    void aWordTheWalkMeetsTooRarelyIsFoundThroughTheIndex() {
        assertFinds("burst", i -> i <= 3 || i % 500 == 0);
    }

    @Test
    void aWordInNoDocumentFindsNothing() {
        assertFinds("zeppelin", i -> false);
    }

    /**
     * The GIN lookup finds candidates by the organization's tagged words (V5), and the plain condition decides. So
     * the tagged words must match wherever the document's own words do (or the index must step aside: NULL), for
     * quotes, backslashes, phrases, negation, OR, stop words, the parser's URLs, emails, numbers and hyphenated words.
     */
    @Test
    void theOrganizationsTaggedWordsMatchWhereverTheDocumentsWordsDo() throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("""
                     WITH docs (title, content) AS (VALUES
                         ('It''s a dog''s life', 'back\\slash and C:\\path "quoted" o''brien ''single'''),
                         ('Big dogs run', 'the big red dogs ran far, far away'),
                         ('Résumé naïve café', 'ünïcödé words: straße, Ελληνικά, 漢字'),
                         ('Links', 'see https://example.com/a/b?c=d and user@example.com or /usr/local/bin'),
                         ('Numbers', '3.14 1e10 -42 0x1F version 1.2.3'),
                         ('well-known co-operate', 'a self-service, well-known thing')),
                     queries (q) AS (VALUES ('dog'), ('"big dogs"'), ('"dogs big"'), ('big -red'), ('dog or café'),
                         ('o''brien'), ('''single'''), ('back\\slash'), ('C:\\path'), ('"quoted"'), ('straße'),
                         ('Ελληνικά'), ('漢字'), ('example.com'), ('user@example.com'), ('/usr/local/bin'), ('3.14'),
                         ('1.2.3'), ('well-known'), ('co-operate'), ('-dog'), ('the'), ('"it''s"'),
                         ('self-service -well'), ('"far away" -"big red"'), ('far <-> away'), ('dog & !cat')),
                     pairs AS (
                         SELECT d.title, q.q, v, websearch_to_tsquery('english', q.q) AS query
                         FROM docs d CROSS JOIN queries q CROSS JOIN LATERAL (SELECT
                             setweight(to_tsvector('english', d.title), 'A')
                             || setweight(to_tsvector('english', d.content), 'B') AS v) words)
                     SELECT count(*) FILTER (WHERE v @@ query),
                            string_agg(title || ' / ' || q, '; ') FILTER (WHERE v @@ query AND NOT coalesce(
                                document_search_words(?, v) @@ document_search_query(?, query), true))
                     FROM pairs""")) {
            s.setString(1, org);
            s.setString(2, org);
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next());
                assertTrue(rows.getLong(1) >= 20, "enough pairs match to mean something: " + rows.getLong(1));
                assertNull(rows.getString(2), "matches the index would not find");
            }
        }
    }

    /**
     * What the index holds for a document's words, against the rule written out once more: each lexeme with the
     * organization's tag, in C order while the tagged lexemes fit 1,000,000 bytes (20 counted per lexeme), a lexeme
     * over 2,026 bytes never; and the tag alone when any was left out. And against V5's function, whose results the
     * index already holds: V6 replaced it without rebuilding the index, so the two must agree byte for byte. V6 takes
     * a shorter way when the vector cannot reach the budget, so the vectors lie on both sides of it: ordinary words,
     * quotes and backslashes, one lexeme too long, 17,000 lexemes that take the shorter way and fit, 18,600 that just
     * pass the budget (18,518 fit) and 30,000 far past it (a tsvector holds at most 1 MiB of lexemes: 30,000 is near).
     */
    @Test
    void theIndexHoldsEachWordTaggedUpToTheBudgetAsV5DidAndMarksADocumentWithWordsLeftOut() throws Exception {
        String v5 = new String(DocumentSearchTest.class.getResourceAsStream(
                "/db/migration/V5__search_words_per_organization.sql").readAllBytes(), StandardCharsets.UTF_8);
        java.util.regex.Matcher function = java.util.regex.Pattern.compile(
                "(?s)CREATE OR REPLACE FUNCTION document_search_words\\(.*?\n\\$\\$;").matcher(v5);
        assertTrue(function.find(), "V5 defines the tagging function");
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            c.setAutoCommit(false); // V5's function as a temporary one, gone with the rollback
            try (Statement define = c.createStatement();
                 PreparedStatement s = c.prepareStatement("""
                     WITH many (name, n) AS (VALUES ('shorter way', 17000), ('just past', 18600), ('far past', 30000)),
                     vectors (name, v) AS (VALUES
                         ('words', to_tsvector('english', 'The quick brown foxes jumped over lazy dogs, twice')),
                         ('quotes', $$'it''s' 'back\\\\slash' 'o''brien' 'naïve' 'x'$$::tsvector),
                         ('too long', array_to_tsvector(ARRAY[repeat('y', 2027), repeat('z', 2026), 'small']))
                         UNION ALL
                         SELECT name, array_to_tsvector(ARRAY(SELECT 'ü' || md5(g::text) FROM generate_series(1, n) g))
                         FROM many),
                     tag (t) AS (SELECT left(encode(sha256(convert_to(?, 'UTF8')), 'hex'), 16)),
                     expected AS (
                         SELECT name, coalesce(array_to_tsvector(array_agg(t || lexeme) FILTER (WHERE fits)), '')
                                     || CASE WHEN bool_and(fits) THEN ''::tsvector
                                             ELSE array_to_tsvector(ARRAY[t || ' ']) END AS words,
                                count(*) FILTER (WHERE NOT fits) AS left_out
                         FROM vectors CROSS JOIN tag CROSS JOIN LATERAL (
                             SELECT lexeme, octet_length(lexeme) <= 2026 AND sum(octet_length(lexeme) + 20)
                                        OVER (ORDER BY lexeme COLLATE "C") <= 1000000 AS fits
                             FROM unnest(tsvector_to_array(v)) AS lexeme) sized
                         GROUP BY name, t),
                     tagged AS (
                         SELECT name, left_out, tsvectorsend(words) AS words,
                                tsvectorsend(document_search_words(?, v)) AS now,
                                tsvectorsend(pg_temp.document_search_words_v5(?, v)) AS v5
                         FROM expected JOIN vectors USING (name))
                     SELECT string_agg(name || ': ' || left_out, ', ' ORDER BY name),
                            string_agg(name, ', ') FILTER (WHERE now <> words),
                            string_agg(name, ', ') FILTER (WHERE now <> v5)
                     FROM tagged""")) {
                define.execute(function.group().replace(
                        "FUNCTION document_search_words(", "FUNCTION pg_temp.document_search_words_v5("));
                for (int i = 1; i <= 3; i++) {
                    s.setString(i, org);
                }
                try (ResultSet rows = s.executeQuery()) {
                    assertTrue(rows.next());
                    assertEquals("far past: 11482, just past: 82, quotes: 0, shorter way: 0, too long: 1, words: 0",
                            rows.getString(1), "lexemes left out by the rule");
                    assertNull(rows.getString(2), "vectors whose index words differ from the rule's");
                    assertNull(rows.getString(3), "vectors whose index words differ from V5's");
                }
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * A document of more distinct words than fit a tsvector with the tags is stored anyway, and found by every word
     * through the index, those the tagging left out too (it marks the document as a candidate for every search).
     */
    @Test
    void aDocumentOfTensOfThousandsOfDistinctWordsIsStoredAndFoundByEachWord() {
        String fresh = UUID.randomUUID().toString();
        StringBuilder content = new StringBuilder();
        for (int i = 0; content.length() < 256 * 1024 - 8; i++) {
            String word = Integer.toString(i, 36);
            content.append("0".repeat(Math.max(0, 3 - word.length()))).append(word).append(' ');
        }
        String writer = Api.token("writer", fresh, Api.MEMBER);
        Api.Reply created = api.post("/documents", writer, Api.body("title", "Many words", "content", content.toString()));
        assertEquals(201, created.status(), created.raw().body());
        assertEquals(1, count("SELECT count(*) FROM document WHERE organization_id = ?"
                + " AND length(document_search_words(organization_id, search)) < length(search)", fresh),
                "the tags did not fit, so some words were left out of the index");
        for (int i = 0; i < 30; i++) {
            api.create(fresh, "Filler " + i, "nothing to see");
        }
        // The 30 newer documents make the walk fall short, so the index answers. 000 comes first in the tags'
        // order and is kept; zzz comes last and is left out.
        for (String word : List.of("000", "zzz")) {
            assertEquals(List.of("Many words"), allPages(fresh, word, 7), word);
        }
    }

    /**
     * Pages of 7 (8 rows asked: a probe of 80 rows, a walk of 800, perhaps a longer one of up to 3,200, then the GIN
     * index) and of 100 (whose walk reads all 3000) agree.
     */
    private void assertFinds(String query, IntPredicate matches) {
        List<String> expected = IntStream.rangeClosed(1, DOCUMENTS).filter(matches).mapToObj(i -> "Doc " + i).toList();
        for (int limit : new int[]{7, 100}) {
            assertEquals(expected, allPages(org, query, limit), query + ", pages of " + limit);
        }
        List<String> large = allPages(largeOnPaper, query, 7).stream().map(t -> t.replace("Large ", "Doc ")).toList();
        assertEquals(expected, large, query + ", pages of 7 in an organization of a million on paper");
        List<String> theirs = allPages(other, query, 100);
        assertEquals(expected.size(), theirs.size(), "the other organization finds its own: " + query);
        assertTrue(theirs.stream().allMatch(title -> title.startsWith("Other ")), query);
    }

    /** Every page's titles, following the cursors to the last page, which has none. */
    private List<String> allPages(String organization, String query, int limit) {
        String reader = Api.token("reader", organization, Api.COLLABORATOR);
        String q = URLEncoder.encode(query, StandardCharsets.UTF_8);
        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply reply = api.get("/documents?q=" + q + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor),
                    reader);
            assertEquals(200, reply.status(), reply.raw().body());
            JsonNode page = reply.json();
            assertTrue(page.path("items").size() <= limit);
            page.path("items").forEach(item -> titles.add(item.path("title").asText()));
            JsonNode next = page.path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
            assertTrue(cursor == null || page.path("items").size() == limit, "only full pages have a next one");
        } while (cursor != null);
        return titles;
    }
}
