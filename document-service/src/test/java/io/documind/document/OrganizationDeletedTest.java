package io.documind.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.Topics;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.contracts.security.Scopes;
import io.documind.document.documents.DocumentService;
import io.documind.contracts.schema.EventSchemaValidator;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.security.AccessToken;
import io.documind.kit.security.TokenKind;
import io.documind.kit.testing.EventFeed;
import io.documind.localstack.testing.TestInfrastructure;
import io.documind.localstack.testing.TopicReader;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.documind.document.Api.body;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OrganizationDeleted → the organization's documents are purged once, each with its DocumentDeleted. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationDeletedTest implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    @Inject
    EnvelopeCodec codec;

    @Inject
    DataSource dataSource;

    @Inject
    DocumentService documents;

    @Inject
    TransactionOperations<Connection> transactions;

    private EventFeed events;

    /** Small batches, so the five documents below take the consumer's batch and two of the sweep's. */
    private static final int PURGE_BATCH = 2;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(DocumentServiceContext.properties());
        p.put("documind.document.limits.purge-batch", String.valueOf(PURGE_BATCH));
        p.put("documind.document.purge-sweep-interval", "100ms");
        return p;
    }

    @BeforeAll
    void openEventFeed() {
        events = new EventFeed(codec);
    }

    @AfterAll
    void closeEventFeed() {
        events.close();
    }

    @Test
    void theOrganizationsDocumentsArePurgedOnceWithTheirEvents() throws Exception {
        Api api = new Api(server.getURI());
        String doomed = UUID.randomUUID().toString();
        String survivor = UUID.randomUUID().toString();
        Set<String> purged = Set.of(
                api.create(doomed, "One", "1").path("id").asText(),
                api.create(doomed, "Two", "2").path("id").asText(),
                api.create(doomed, "Three", "3").path("id").asText(),
                api.create(doomed, "Four", "4").path("id").asText(),
                api.create(doomed, "Five", "5").path("id").asText());
        String kept = api.create(survivor, "Kept", "k").path("id").asText();

        byte[] event = events.envelope(new OrganizationDeleted(doomed));
        events.publishRaw(Topics.ORG_EVENTS, doomed, event);
        events.publishRaw(Topics.ORG_EVENTS, doomed, event); // redelivered: the same event id

        String admin = Api.admin(doomed);
        // The first batch and the deleted organization's floor commit together; the sweep purges the rest, in batches.
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/documents", admin).status() == 401);
        await().atMost(Duration.ofSeconds(30)).until(() -> documentsOf(doomed) == 0 && !purgePending(doomed));
        List<JsonNode> deletions = await().atMost(Duration.ofSeconds(30))
                .until(() -> deletionsOf(doomed), d -> d.size() >= purged.size());
        assertEquals(purged, deletions.stream().map(d -> d.path("data").path("documentId").asText())
                .collect(Collectors.toSet()));

        // A new event id for the same deletion (org-service replayed it): nothing left to purge, nothing emitted.
        UUID replay = events.publish(new OrganizationDeleted(doomed));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(replay));
        assertEquals(purged.size(), deletionsOf(doomed).size(), "each document deleted exactly once");

        // A token of the deleted organization that has not expired yet cannot start it again: it is refused.
        Api.Reply late = api.post("/documents", admin, body("title", "Ghost", "content", "boo"));
        assertEquals(401, late.status());
        assertEquals(0, documentsOf(doomed));
        assertEquals(200, api.get("/documents/" + kept, Api.admin(survivor)).status(), "other organizations untouched");
    }

    // The two races of a create with a purge, made deterministic: one side's transaction is held open while the
    // other runs. Without an ordering between them a document created during the purge outlives it.

    @Test
    void aCreateThatStartsWhileThePurgeIsOpenIsRefused() throws Exception {
        String org = UUID.randomUUID().toString();
        CountDownLatch purgeDone = new CountDownLatch(1);
        CountDownLatch commitPurge = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Integer> purge = threads.submit(() -> transactions.executeWrite(s -> {
                int purged = documents.purgeOrganization(org);
                purgeDone.countDown();
                awaitLatch(commitPurge);
                return purged;
            }));
            awaitLatch(purgeDone);
            Api api = new Api(server.getURI());
            Future<Api.Reply> create = threads.submit(() ->
                    api.post("/documents", Api.admin(org), body("title", "Racing", "content", "in flight")));
            await().atMost(Duration.ofSeconds(30)).until(() -> create.isDone() || someoneWaitsForAnAdvisoryLock());
            commitPurge.countDown();
            assertEquals(0, purge.get(30, TimeUnit.SECONDS));
            assertEquals(404, create.get(30, TimeUnit.SECONDS).status(), "the organization is gone");
        }
        assertEquals(0, documentsOf(org));
    }

    @Test
    void aCreateInFlightWhenThePurgeStartsIsPurgedWithTheRest() throws Exception {
        String org = UUID.randomUUID().toString();
        AccessToken admin = new AccessToken("admin-of-" + org, "test", TokenKind.ORGANIZATION, org,
                Set.copyOf(Scopes.ALL_ORGANIZATION_SCOPES), UUID.randomUUID().toString(), Instant.now().plusSeconds(300), null, false,
                null, null);
        CountDownLatch created = new CountDownLatch(1);
        CountDownLatch commitCreate = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<?> create = threads.submit(() -> transactions.executeWrite(s -> {
                documents.create(admin, "Racing", "in flight");
                created.countDown();
                awaitLatch(commitCreate);
                return null;
            }));
            awaitLatch(created);
            Future<Integer> purge = threads.submit(() -> documents.purgeOrganization(org));
            await().atMost(Duration.ofSeconds(30)).until(() -> purge.isDone() || someoneWaitsForAnAdvisoryLock());
            commitCreate.countDown();
            create.get(30, TimeUnit.SECONDS);
            assertEquals(1, purge.get(30, TimeUnit.SECONDS), "the purge saw the document once it was committed");
        }
        assertEquals(0, documentsOf(org));
    }

    /**
     * A purge batch passes over documents a request holds (here a transaction standing for an update that passed
     * its token check before this instance heard of the deletion). Such a document is left for the sweep, not for
     * ever, whether or not the first batch was full.
     */
    @Test
    void aDocumentHeldWhileThePurgeRunsIsPurgedAfterwards() throws Exception {
        Api api = new Api(server.getURI());
        String org = UUID.randomUUID().toString();
        String held = api.create(org, "Held", "h").path("id").asText();
        Set<String> all = new java.util.HashSet<>(Set.of(held));
        for (int i = 0; i < PURGE_BATCH - 1; i++) { // with the held one, a full batch's worth
            all.add(api.create(org, "Other " + i, "o").path("id").asText());
        }
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement lock = c.prepareStatement("SELECT 1 FROM document WHERE id = CAST(? AS UUID) FOR UPDATE")) {
            c.setAutoCommit(false);
            lock.setString(1, held);
            lock.execute();
            assertEquals(PURGE_BATCH - 1, documents.purgeOrganization(org), "the held document passed over");
            assertTrue(purgePending(org), "what is left is the sweep's");
            c.commit();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> documentsOf(org) == 0 && !purgePending(org));
        assertEquals(all, deletionsOf(org).stream().map(d -> d.path("data").path("documentId").asText())
                .collect(Collectors.toSet()));
        assertEquals(all.size(), deletionsOf(org).size(), "each once");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the other side of the race never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private boolean someoneWaitsForAnAdvisoryLock() throws Exception {
        return count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", null) > 0;
    }

    private boolean purgePending(String organizationId) throws Exception {
        return count("SELECT count(*) FROM deleted_organization WHERE organization_id = ? AND purge_pending",
                organizationId) > 0;
    }

    private long documentsOf(String organizationId) throws Exception {
        return count("SELECT count(*) FROM document WHERE organization_id = ?", organizationId);
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean applied(UUID eventId) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM processed_event WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<JsonNode> deletionsOf(String organizationId) throws Exception {
        EventSchemaValidator schemas = new EventSchemaValidator();
        List<JsonNode> deletions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(TestInfrastructure.kafka().bootstrapServers(),
                Topics.DOCUMENT_EVENTS)) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            JsonNode event = JSON.readTree(value);
            if (organizationId.equals(r.key()) && event.path("type").asText().equals("DocumentDeleted")) {
                assertEquals(List.of(), schemas.validate(r.topic(), value));
                deletions.add(event);
            }
        }
        return deletions;
    }
}
