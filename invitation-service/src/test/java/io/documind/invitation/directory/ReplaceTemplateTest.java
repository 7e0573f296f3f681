package io.documind.invitation.directory;

import io.documind.contracts.events.OrganizationTemplateChanged.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplaceTemplateTest {

    @Test
    void theFirstRoleOfEachNameAndIdWins() {
        List<TemplateRole> roles = ReplaceTemplate.distinct(List.of(
                new Role("1", "Admin", List.of("a")),
                new Role("2", "Admin", List.of("b")),
                new Role("2", "Member", List.of("c")),
                new Role("1", "Guest", null)));
        assertEquals(List.of(new TemplateRole("1", "Admin", List.of("a")), new TemplateRole("2", "Member", List.of("c")),
                new TemplateRole(null, "Guest", List.of())), roles);
    }
}
