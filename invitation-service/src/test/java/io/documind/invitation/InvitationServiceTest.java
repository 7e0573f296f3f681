package io.documind.invitation;

import io.documind.kit.events.EnvelopeCodec;
import io.documind.localstack.testing.ServiceTestProperties;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Base of invitation-service's integration tests: the service on its test database and the shared Kafka, org-service's
 * events fed in ({@link #orgEvents}) and what it wrote read back ({@link #db}), on the test's own clock. A subclass adds
 * {@code @MicronautTest(transactional = false)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class InvitationServiceTest implements TestPropertyProvider {

    @Inject
    protected EnvelopeCodec codec;
    @Inject
    protected DataSource dataSource;
    @Inject
    protected TestClock clock;

    protected OrgEvents orgEvents;
    protected Database db;

    /** The shared settings, in a map a subclass may add its own to. */
    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(ServiceTestProperties.forService("invitation-service"));
    }

    @BeforeAll
    protected void openOrgEventsAndDatabase() {
        orgEvents = new OrgEvents(codec);
        db = new Database(dataSource);
    }

    /** After the subclass's own {@code @AfterAll}, which may still read {@link #db}. */
    @AfterAll
    protected void closeOrgEvents() {
        orgEvents.close();
    }
}
