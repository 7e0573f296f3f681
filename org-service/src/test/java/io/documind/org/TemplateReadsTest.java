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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading the whole template (the role list, the OrganizationTemplateChanged every edit emits) takes a fixed number
 * of statements however many roles there are: role by role it was one more query per role (N+1).
 */
@MicronautTest(transactional = false)
class TemplateReadsTest extends OrgServiceTest {

    @Inject
    TemplateService templates;

    @Test
    void theWholeTemplateIsReadInAFixedNumberOfStatements() {
        List<UUID> scopeIds = templates.scopes().stream().map(OrganizationScope::id).toList();
        long readBefore = statements(() -> templates.roles());
        UUID scope = templates.scopes().getFirst().id();
        long editBefore = statements(() -> templates.updateScope(scope, null, "edited"));

        for (int i = 0; i < 5; i++) {
            templates.createRole("Reads-" + UUID.randomUUID(), null, scopeIds);
        }

        assertTrue(readBefore > 0, "the statements are counted");
        assertEquals(readBefore, statements(() -> templates.roles()), "listing roles, 5 roles more");
        assertEquals(editBefore, statements(() -> templates.updateScope(scope, null, "edited again")),
                "a template edit announcing the whole template, 5 roles more");
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
