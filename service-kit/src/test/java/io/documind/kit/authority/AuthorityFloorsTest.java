package io.documind.kit.authority;

import io.documind.contracts.events.ApplicationSecretRotated;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EventCatalog;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.events.MembershipRemoved;
import io.documind.contracts.events.OrganizationDeleted;
import io.documind.contracts.events.OrganizationUpdated;
import io.documind.contracts.events.PasswordChanged;
import io.documind.kit.KitContext;
import io.documind.kit.consumer.EventApplier;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import io.documind.kit.events.DecodedEvent;
import io.documind.kit.events.EnvelopeCodec;
import io.documind.kit.outbox.Outbox;
import io.documind.kit.security.AuthorityCheck;
import io.documind.kit.testing.EventFeed;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authority floors on real PostgreSQL (and Kafka for the consumer path): learned from the events, stored, shared
 * with a second instance by NOTIFY, reloaded after a restart, forgotten after the token lifetime.
 */
class AuthorityFloorsTest {

    private static final String CONSUMER = "floors-test";
    private final List<ApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        Collections.reverse(contexts);
        contexts.forEach(ApplicationContext::close);
    }

    @Test
    void aMembershipFloorRefusesOlderTokensOfThatMembershipOnly() {
        ApplicationContext service = start(properties());
        String user = id(), org = id(), otherOrg = id();
        apply(service, new MemberRolesChanged(org, user, List.of("Collaborator"), List.of("read:documents"), 5));

        AuthorityCheck check = service.getBean(AuthorityCheck.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> check.refusal(user, org, 1L, 4L).isPresent());
        assertEquals(Optional.of("The access token was issued before the member's roles in the organization changed;"
                + " request a new token"), check.refusal(user, org, 1L, 4L));
        assertTrue(check.refusal(user, org, 1L, null).isPresent(), "no claim: version 0");
        assertEquals(Optional.empty(), check.refusal(user, org, 1L, 5L), "issued after the change");
        assertEquals(Optional.empty(), check.refusal(user, otherOrg, 1L, 1L), "another organization");
        assertEquals(Optional.empty(), check.refusal(user, null, 1L, null), "the user's own token");
        assertEquals(Optional.empty(), check.refusal(id(), org, 1L, 1L), "another member");
    }

    @Test
    void aSubjectFloorCoversEveryTokenOfTheSubjectAndADeletedOrganizationEveryTokenForIt() {
        ApplicationContext service = start(properties());
        String user = id(), app = id(), org = id();
        apply(service, new PasswordChanged(user, 3));
        apply(service, new ApplicationSecretRotated(app, 7));
        apply(service, new OrganizationDeleted(org));

        AuthorityCheck check = service.getBean(AuthorityCheck.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> check.refusal(id(), org, 9L, 9L).isPresent());
        assertTrue(check.refusal(user, null, 2L, null).isPresent());
        assertTrue(check.refusal(user, id(), 2L, 100L).isPresent(), "an organization token of the user too");
        assertTrue(check.refusal(user, null, null, null).isPresent(), "no claim: version 0");
        assertEquals(Optional.empty(), check.refusal(user, null, 3L, null));
        assertEquals(Optional.of("The access token was issued before the application's secret was rotated;"
                + " request a new token"), check.refusal(app, null, 6L, null));
        assertEquals(Optional.empty(), check.refusal(app, null, 7L, null));
        assertEquals(Optional.of("The access token is for an organization that was deleted; no new token can be"
                + " issued for it"), check.refusal(id(), org, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1));
    }

    @Test
    void aReplayedOrOlderEventLowersNothing() {
        ApplicationContext service = start(properties());
        String user = id(), org = id();
        DecodedEvent removed = decoded(service, new MembershipRemoved(org, user, 9));
        assertTrue(apply(service, removed));
        assertFalse(apply(service, removed), "the same event again is skipped");
        apply(service, new MemberRolesChanged(org, user, List.of("Member"), List.of(), 4)); // late, older

        assertEquals(List.of(9L), storedVersions(service, user, org));
        AuthorityCheck check = service.getBean(AuthorityCheck.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> check.refusal(user, org, 1L, 8L).isPresent());
        assertTrue(check.refusal(user, org, 1L, 8L).orElseThrow().contains("removed from the organization"));
    }

    /**
     * Events appended together (Outbox.appendAll: an edit announcing many members) raise their floors in one
     * statement, which must weigh two floors of one key as two statements would, and lower none.
     */
    @Test
    void eventsAppendedTogetherRaiseEveryFloorTheHighestOfAKeyWinning() throws InterruptedException {
        ApplicationContext service = start(properties());
        String user = id(), other = id(), org = id();
        apply(service, new MembershipRemoved(org, other, 9));
        service.getBean(FloorListener.class).stop(); // so only the appending transaction's commit can teach it

        Outbox outbox = service.getBean(Outbox.class);
        transactions(service).executeWrite(s -> {
            outbox.appendAll(List.of(new MemberRolesChanged(org, user, List.of("Member"), List.of(), 7),
                    new MemberRolesChanged(org, other, List.of("Member"), List.of(), 6),
                    new MemberRolesChanged(org, user, List.of("Member"), List.of(), 5),
                    new OrganizationUpdated(org, "No floor", null, null, false, null)));
            return null;
        });

        assertEquals(List.of(7L), storedVersions(service, user, org));
        assertEquals(List.of(9L), storedVersions(service, other, org), "an older version lowers nothing");
        AuthorityCheck check = service.getBean(AuthorityCheck.class);
        assertTrue(check.refusal(user, org, 1L, 6L).isPresent(), "learned when the transaction committed");
        assertEquals(Optional.empty(), check.refusal(user, org, 1L, 7L));
    }

    @Test
    void concurrentEventsForOneKeyLeaveTheHighestVersion() throws Exception {
        ApplicationContext service = start(properties());
        String user = id();
        List<Long> versions = new ArrayList<>(LongStream.rangeClosed(1, 40).boxed().toList());
        Collections.shuffle(versions);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> applied = new ArrayList<>();
            for (long v : versions) {
                applied.add(pool.submit(() -> apply(service, new PasswordChanged(user, v))));
            }
            for (Future<Boolean> f : applied) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(40L), storedVersions(service, user, Floor.ANY));
        AuthorityCheck check = service.getBean(AuthorityCheck.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> check.refusal(user, null, 39L, null).isPresent());
        assertEquals(Optional.empty(), check.refusal(user, null, 40L, null));
    }

    @Test
    void anotherInstanceLearnsByNotificationAndARestartedOneFromTheDatabase() {
        Map<String, Object> properties = properties(); // one database for all three instances
        properties.put("documind.authority.reload-interval", "1h"); // so only the notification can teach it
        ApplicationContext applying = start(properties);
        ApplicationContext other = start(properties);
        String user = id();

        apply(applying, new PasswordChanged(user, 2));
        AuthorityCheck otherCheck = other.getBean(AuthorityCheck.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> otherCheck.refusal(user, null, 1L, null).isPresent());

        other.close();
        contexts.remove(other);
        ApplicationContext restarted = start(properties);
        // Loaded before the context is handed out: no wait.
        assertTrue(restarted.getBean(AuthorityCheck.class).refusal(user, null, 1L, null).isPresent());
    }

    @Test
    void aFloorOlderThanTheTokenLifetimeIsForgottenInTheDatabaseAndInMemory() {
        Map<String, Object> properties = properties();
        properties.put("documind.authority.token-lifetime", "2s");
        properties.put("documind.security.clock-skew", "0s");
        properties.put("documind.authority.reload-interval", "100ms");
        ApplicationContext service = start(properties);
        AuthorityCheck check = service.getBean(AuthorityCheck.class);
        String old = id();
        apply(service, new PasswordChanged(old, 2));
        await().atMost(Duration.ofSeconds(5)).until(() -> check.refusal(old, null, 1L, null).isPresent());

        await().atMost(Duration.ofSeconds(10)).until(() ->
                storedVersions(service, old, Floor.ANY).isEmpty() && check.refusal(old, null, 1L, null).isEmpty());
        String recent = id();
        apply(service, new PasswordChanged(recent, 2));
        assertEquals(List.of(2L), storedVersions(service, recent, Floor.ANY), "a young floor stays");
    }

    @Test
    void aTokenOutlivingWhatTheServiceRemembersIsRefusedWhateverItsVersions() {
        Map<String, Object> properties = properties();
        properties.put("documind.authority.token-lifetime", "30m");
        AuthorityCheck check = start(properties).getBean(AuthorityCheck.class);
        assertEquals(Optional.empty(), check.lifetimeRefusal(Duration.ofMinutes(30)));
        // org-service's lifetime raised to 1 h there only: a floor learned here would be gone while such a token lives.
        assertTrue(check.lifetimeRefusal(Duration.ofMinutes(30).plusSeconds(1)).orElseThrow()
                .contains("documind.authority.token-lifetime"));
    }

    /**
     * Another handler of the same event failing for good (the event goes to the dead-letter topic) must not take the
     * floor with it: the floor is raised in a transaction of its own first, and the event's claim is not recorded.
     */
    @Test
    void aFloorStandsWhenAnotherHandlerOfItsEventFails() {
        ApplicationContext service = start(properties());
        String user = id(), org = id();
        EventHandler<MembershipRemoved> failing = new EventHandler<>() {
            @Override
            public Class<MembershipRemoved> eventType() {
                return MembershipRemoved.class;
            }

            @Override
            public void handle(MembershipRemoved event, EventMetadata metadata) {
                throw new IllegalStateException("this service's own effect can never be applied");
            }
        };
        List<EventHandler<?>> handlers = new ArrayList<>(handlersOf(service, MembershipRemoved.class));
        handlers.add(failing);
        DecodedEvent event = decoded(service, new MembershipRemoved(org, user, 4));
        EventApplier applier = service.getBean(EventApplier.class);

        assertThrows(IllegalStateException.class, () -> applier.apply(CONSUMER, event, handlers));
        assertEquals(List.of(4L), storedVersions(service, user, org));
        assertThrows(IllegalStateException.class, () -> applier.apply(CONSUMER, event, handlers),
                "not claimed: the retry runs the failing handler again");
    }

    @Test
    void theEventsArriveThroughTheServicesConsumer() {
        Map<String, Object> properties = properties();
        properties.put("documind.consumer.enabled", true);
        ApplicationContext service = start(properties);
        String user = id(), org = id();
        try (EventFeed feed = new EventFeed(service.getBean(EnvelopeCodec.class))) {
            feed.publish(new MembershipRemoved(org, user, 3));
        }
        AuthorityCheck check = service.getBean(AuthorityCheck.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> check.refusal(user, org, 1L, 2L).isPresent());
    }

    @Test
    void theCheckCanBeSwitchedOffForTheBenchmark() {
        Map<String, Object> properties = properties();
        properties.put("documind.authority.check-enabled", false);
        ApplicationContext service = start(properties);
        String user = id();
        apply(service, new PasswordChanged(user, 2));
        assertEquals(List.of(2L), storedVersions(service, user, Floor.ANY), "still learned");
        assertEquals(Optional.empty(), service.getBean(AuthorityCheck.class).refusal(user, null, 1L, null));
    }

    private Map<String, Object> properties() {
        Map<String, Object> p = KitContext.properties(TestInfrastructure.kafka());
        p.put("documind.consumer.enabled", false);
        p.put("documind.outbox.relay-enabled", false);
        return p;
    }

    private ApplicationContext start(Map<String, Object> properties) {
        ApplicationContext context = KitContext.start(new HashMap<>(properties));
        contexts.add(context);
        return context;
    }

    private static boolean apply(ApplicationContext service, DomainEvent event) {
        return apply(service, decoded(service, event));
    }

    private static boolean apply(ApplicationContext service, DecodedEvent event) {
        List<EventHandler<?>> handlers = handlersOf(service, event.data().getClass());
        assertFalse(handlers.isEmpty(), "no handler for " + event.data().getClass().getSimpleName());
        return service.getBean(EventApplier.class).apply(CONSUMER, event, handlers);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<EventHandler<?>> handlersOf(ApplicationContext service, Class<?> type) {
        List<EventHandler<?>> handlers = new ArrayList<>();
        for (EventHandler h : service.getBeansOfType(EventHandler.class)) {
            if (h.eventType() == type) {
                handlers.add(h);
            }
        }
        return handlers;
    }

    private static DecodedEvent decoded(ApplicationContext service, DomainEvent event) {
        EnvelopeCodec codec = service.getBean(EnvelopeCodec.class);
        String json = codec.write(codec.envelope(event, UUID.randomUUID(), Instant.now(), event.organizationId(), null));
        return codec.read(EventCatalog.of(event.getClass()).topic(), json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> storedVersions(ApplicationContext service, String subject, String organizationId) {
        return transactions(service).executeRead(s -> {
            try (PreparedStatement select = s.getConnection().prepareStatement(
                    "SELECT version FROM authority_floor WHERE subject = ? AND organization_id = ?")) {
                select.setString(1, subject);
                select.setString(2, organizationId);
                try (ResultSet rs = select.executeQuery()) {
                    List<Long> versions = new ArrayList<>();
                    while (rs.next()) {
                        versions.add(rs.getLong(1));
                    }
                    return versions;
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static TransactionOperations<Connection> transactions(ApplicationContext service) {
        return service.getBean(TransactionOperations.class);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
