package io.documind.invitation.directory;

import io.documind.contracts.events.OrganizationTemplateChanged.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplaceTemplateTest {

    @Test
    void theFirstRoleOfEachNameAndIdWins() {
        List<TemplateRole> roles = ReplaceTemplate.distinct(List.of(
                new Role("1", "Admin", List.of("a"), List.of("api-scope-1")),
                new Role("2", "Admin", List.of("b"), null),
                new Role("2", "Member", List.of("c"), null),
                new Role("1", "Guest", null, null)));
        assertEquals(List.of(new TemplateRole("1", "Admin", List.of("a"), List.of("api-scope-1")),
                new TemplateRole("2", "Member", List.of("c"), null),
                new TemplateRole(null, "Guest", List.of(), null)), roles);
    }
}
