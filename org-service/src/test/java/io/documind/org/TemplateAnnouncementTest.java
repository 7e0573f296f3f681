package io.documind.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.documind.org.template.TemplateService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template is announced on every start, in the current shape (roles with their API resource scopes), so that
 * copies made from an older shape, or from an older instance's event, are refreshed.
 */
@MicronautTest(transactional = false)
class TemplateAnnouncementTest extends OrgServiceTest {

    @Inject
    TemplateService template;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void eachAnnouncementCarriesTheWholeTemplateInTheCurrentShape() {
        assertTrue(templateEvents() >= 1, "this service's start announced the template");
        update("UPDATE template_announcement SET version = 1"); // as it stood before the upgrade

        int before = templateEvents();
        template.announce();
        assertEquals(before + 1, templateEvents(), "one more announcement, in the outbox");
        assertEquals(2, count("SELECT version FROM template_announcement"), "the shape announced");
        String payload = transactions.executeRead(s -> Statements.strings(s.getConnection(),
                "SELECT payload FROM outbox_event WHERE event_type = 'OrganizationTemplateChanged' ORDER BY id DESC "
                        + "LIMIT 1").get(0));
        JsonNode roles = json(payload).path("data").path("roles");
        assertTrue(roles.findValuesAsText("name").containsAll(java.util.List.of("Admin", "Member", "Collaborator")),
                roles.toString());
        roles.forEach(role -> assertTrue(role.path("resourceScopes").isArray(), role.toString()));
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
