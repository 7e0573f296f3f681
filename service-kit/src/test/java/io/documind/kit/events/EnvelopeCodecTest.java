package io.documind.kit.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.documind.contracts.Topics;
import io.documind.contracts.events.Actor;
import io.documind.contracts.events.DomainEvent;
import io.documind.contracts.events.EventCatalog;
import io.documind.contracts.events.EventType;
import io.documind.contracts.events.MemberRolesChanged;
import io.documind.contracts.events.MembershipCreated;
import io.documind.contracts.events.MembershipSource;
import io.documind.contracts.events.OrganizationBranding;
import io.documind.contracts.events.OrganizationCreated;
import io.documind.contracts.events.OrganizationTemplateChanged;
import io.documind.contracts.events.UserUpdated;
import io.documind.kit.KitContext;
import io.documind.localstack.testing.TestInfrastructure;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a service writes, a consumer reads back as the same event in the same envelope, and nothing else passes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvelopeCodecTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private ApplicationContext context;
    private EnvelopeCodec codec;

    @BeforeAll
    void start() {
        Map<String, Object> properties = KitContext.properties(TestInfrastructure.kafka());
        properties.put("documind.outbox.relay-enabled", false);
        properties.put("documind.consumer.enabled", false);
        context = KitContext.start(properties);
        codec = context.getBean(EnvelopeCodec.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    /**
     * A new event in the catalog also needs its serde import (ContractSerde): without it the first service to write
     * one fails in the outbox at run time, not at build time.
     */
    @Test
    void everyCatalogedEventCanBeWritten() throws Exception {
        for (EventType<?> type : EventCatalog.ALL) {
            java.lang.reflect.RecordComponent[] components = type.dataClass().getRecordComponents();
            Class<?>[] parameterTypes = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Class<?> t = components[i].getType();
                parameterTypes[i] = t;
                values[i] = blank(t);
            }
            DomainEvent event = type.dataClass().getDeclaredConstructor(parameterTypes).newInstance(values);
            assertEquals(type.name(), codec.envelope(event, UUID.randomUUID(), Instant.now(), "subject", null).type(),
                    type.name());
        }
    }

    /** A primitive's zero, else null: the least a record takes. */
    private static Object blank(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == int.class) {
            return 0;
        }
        return null;
    }

    @Test
    void everyKindOfValueReadsBackAsWritten() throws Exception {
        String org = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("tier", "gold");
        custom.put("seats", 12);
        custom.put("ledger", 12_345_678_901_234L);
        custom.put("ratio", 0.5);
        custom.put("flags", List.of(true, false));
        custom.put("nested", Map.of("k", "v", "deeper", List.of(Map.of("n", 1))));
        custom.put("nothing", null);
        List<DomainEvent> events = List.of(
                new OrganizationCreated(org, "Acme ✓ \"quoted\"", null, new Actor(user, "ann@example.com"), custom,
                        true, new OrganizationBranding("https://cdn.example.com/logo.png", null)),
                new MembershipCreated(org, user, "ann@example.com", List.of("Admin", "Member"), MembershipSource.JIT),
                new MemberRolesChanged(org, user, List.of("Member"), List.of("read:documents"), 7L),
                new UserUpdated(user, "ann@example.com", "Ann", true, 3_000_000_000L),
                new UserUpdated(user, "ann@example.com", "Ann", false),
                new OrganizationTemplateChanged(List.of(new OrganizationTemplateChanged.Role(
                        UUID.randomUUID().toString(), "Admin", List.of("read:documents"), null))));
        for (DomainEvent event : events) {
            UUID id = UUID.randomUUID();
            EventEnvelope written = codec.envelope(event, id, Instant.parse("2026-12-04T05:00:00.123Z"), org,
                    "corr-" + id);
            byte[] record = codec.write(written).getBytes(StandardCharsets.UTF_8);
            DecodedEvent read = codec.read(Topics.ORG_EVENTS, record);

            assertEquals(JACKSON.readTree(JACKSON.writeValueAsBytes(event)),
                    JACKSON.readTree(JACKSON.writeValueAsBytes(read.data())), event.getClass().getSimpleName());
            assertEquals(event.getClass(), read.data().getClass());
            EventEnvelope envelope = read.envelope();
            assertEquals(List.of(written.specversion(), written.id(), written.source(), written.type(),
                            written.time(), written.subject(), written.datacontenttype(), written.dataschema()),
                    List.of(envelope.specversion(), envelope.id(), envelope.source(), envelope.type(),
                            envelope.time(), envelope.subject(), envelope.datacontenttype(), envelope.dataschema()));
            assertEquals(written.organizationid(), envelope.organizationid());
            assertEquals("corr-" + id, envelope.correlationid());
        }
        OrganizationCreated created = (OrganizationCreated) codec.read(Topics.ORG_EVENTS,
                codec.write(codec.envelope(events.get(0), UUID.randomUUID(), Instant.now(), org, null))
                        .getBytes(StandardCharsets.UTF_8)).data();
        assertEquals(custom, created.customData());
    }

    @Test
    void whatIsNoEnvelopeOfValidDataIsRefused() {
        String org = UUID.randomUUID().toString();
        String good = codec.write(codec.envelope(new MemberRolesChanged(org, "u", List.of("Member"), List.of(), 1L),
                UUID.randomUUID(), Instant.now(), org, null));
        for (String bad : new String[]{"", "   ", "not json", "[]", "{}", good.replace("\"specversion\":\"1.0\"",
                "\"specversion\":\"0.3\""), good.replace("\"authorityVersion\":1", "\"authorityVersion\":\"1\"")}) {
            assertThrows(InvalidEventException.class,
                    () -> codec.read(Topics.ORG_EVENTS, bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        assertThrows(InvalidEventException.class, () -> codec.read(Topics.ORG_EVENTS, new byte[]{(byte) 0xC3, 0x28}));
        assertTrue(good.contains("\"authorityVersion\":1"), good);
    }

    /**
     * Handlers act on the data's organization; an envelope naming another (or none, or one for a platform-wide
     * event) cannot say which organization it concerns, and is refused as a poison record.
     */
    @Test
    void anEnvelopeWhoseOrganizationIsNotItsDatasIsRefused() {
        String org = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        EventEnvelope member = codec.envelope(new MemberRolesChanged(org, "u", List.of("Member"), List.of(), 1L),
                UUID.randomUUID(), Instant.now(), org, null);
        EventEnvelope user = codec.envelope(new UserUpdated("u", "ann@example.com", "Ann", true),
                UUID.randomUUID(), Instant.now(), "u", null);
        assertEquals(org, codec.read(Topics.ORG_EVENTS, bytes(member)).envelope().organizationid());
        assertNull(codec.read(Topics.ORG_EVENTS, bytes(user)).envelope().organizationid());

        for (EventEnvelope bad : List.of(withOrganization(member, other), withOrganization(member, null),
                withOrganization(user, org))) {
            InvalidEventException refused = assertThrows(InvalidEventException.class,
                    () -> codec.read(Topics.ORG_EVENTS, bytes(bad)), bad.toString());
            assertTrue(refused.getMessage().contains("organizationid"), refused.getMessage());
        }
        // a type this service does not handle is passed over as before, whatever its envelope says
        assertTrue(codec.read(Topics.ORG_EVENTS, bytes(withOrganization(member, other)), type -> false).isEmpty());
    }

    private byte[] bytes(EventEnvelope envelope) {
        return codec.write(envelope).getBytes(StandardCharsets.UTF_8);
    }

    private static EventEnvelope withOrganization(EventEnvelope e, String organizationId) {
        return new EventEnvelope(e.specversion(), e.id(), e.source(), e.type(), e.time(), e.subject(),
                e.datacontenttype(), e.dataschema(), organizationId, e.correlationid(), e.data());
    }
}
