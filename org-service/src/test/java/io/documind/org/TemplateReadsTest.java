package io.documind.org;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.documind.org.template.OrganizationScope;
import io.documind.org.template.TemplateService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading the whole template (the role list, the OrganizationTemplateChanged every edit emits) takes a fixed number
 * of statements however many roles there are: role by role it was one more query per role (N+1).
 */
@MicronautTest(transactional = false)
class TemplateReadsTest extends OrgServiceTest {

    private static final int ADDED = 5;

    @Inject
    TemplateService templates;

    @Test
    void theWholeTemplateIsReadInAFixedNumberOfStatements() {
        List<UUID> scopeIds = templates.scopes().stream().map(OrganizationScope::id).toList();
        // One role holding every scope before the first count, so both counts see the edited scope held by some
        // role (whatever other tests did to the shared template): the holders' reads then run in both.
        templates.createRole("Reads-" + UUID.randomUUID(), null, scopeIds);
        long readBefore = statements(() -> templates.roles());
        UUID scope = templates.scopes().getFirst().id();
        long editBefore = statements(() -> templates.updateScope(scope, null, "edited"));

        for (int i = 0; i < ADDED; i++) {
            templates.createRole("Reads-" + UUID.randomUUID(), null, scopeIds);
        }

        assertTrue(readBefore > 0, "the statements are counted");
        // Role by role, 5 roles more were 5 statements more (4 -> 9 on the old code). The counts are not exact to the
        // statement (a first call may run a one-off more, and the edit's count varied by 2 between runs of the full
        // suite, cause not found), so the test asks for fewer extra statements than extra roles.
        long readAfter = statements(() -> templates.roles());
        assertTrue(readAfter - readBefore < ADDED, "listing roles, 5 roles more: " + readBefore + " -> " + readAfter);
        long editAfter = statements(() -> templates.updateScope(scope, null, "edited again"));
        assertTrue(editAfter - editBefore < ADDED,
                "a template edit announcing the whole template, 5 roles more: " + editBefore + " -> " + editAfter);
        assertTrue(templates.roles().stream().filter(r -> r.name().startsWith("Reads-"))
                .allMatch(r -> r.scopes().size() == scopeIds.size()), "each role still lists its scopes");
    }

    /** The statements micronaut-data runs on this thread (its query log, one line per statement) during the call. */
    private static long statements(Runnable call) {
        Logger log = (Logger) LoggerFactory.getLogger("io.micronaut.data.query");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        Level level = log.getLevel();
        log.addAppender(seen);
        log.setAdditive(false);
        log.setLevel(Level.DEBUG);
        try {
            call.run();
        } finally {
            log.setLevel(level);
            log.setAdditive(true);
            log.detachAppender(seen);
        }
        String thread = Thread.currentThread().getName();
        return seen.list.stream().filter(e -> e.getThreadName().equals(thread))
                .filter(e -> e.getFormattedMessage().startsWith("Executing")).count();
    }
}
