package io.documind.org;

import io.documind.org.template.TemplateService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template is announced again once per shape of OrganizationTemplateChanged, so that copies made from an older
 * shape (without the roles' API resource scopes) are refreshed after an upgrade; one instance does it.
 */
@MicronautTest(transactional = false)
class TemplateAnnouncementTest extends OrgServiceTest {

    @Inject
    TemplateService template;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void anOutdatedAnnouncementIsMadeOnceAndNotAgain() {
        assertEquals(2, announcedVersion(), "the start of this service announced the current shape");
        assertFalse(template.announceIfOutdated(), "already current: nothing to announce");

        int before = templateEvents();
        update("UPDATE template_announcement SET version = 1"); // as it stood before the upgrade
        assertTrue(template.announceIfOutdated());
        assertFalse(template.announceIfOutdated(), "a second instance starting finds it done");
        assertEquals(2, announcedVersion());
        assertEquals(before + 1, templateEvents(), "one announcement, in the outbox");
    }

    private int announcedVersion() {
        return (int) count("SELECT version FROM template_announcement");
    }

    private int templateEvents() {
        return (int) count("SELECT count(*) FROM outbox_event WHERE event_type = 'OrganizationTemplateChanged'");
    }

    private long count(String sql) {
        return transactions.executeRead(s -> Long.parseLong(Statements.strings(s.getConnection(), sql).get(0)));
    }

    private void update(String sql) {
        transactions.executeWrite(s -> Statements.update(s.getConnection(), sql));
    }
}
