package io.documind.invitation.directory;

import io.documind.contracts.events.OrganizationTemplateChanged;
import io.documind.kit.consumer.EventHandler;
import io.documind.kit.consumer.EventMetadata;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** OrganizationTemplateChanged → the roles new invitations may grant are the template's, as sent. */
@Singleton
public class ReplaceTemplate implements EventHandler<OrganizationTemplateChanged> {

    private final Directory directory;

    public ReplaceTemplate(Directory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(OrganizationTemplateChanged event, EventMetadata metadata) {
        directory.replaceTemplate(distinct(event.roles()));
    }

    /** The schema does not promise unique names or ids; the first of each wins rather than failing the event. */
    static List<TemplateRole> distinct(List<OrganizationTemplateChanged.Role> roles) {
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        List<TemplateRole> result = new ArrayList<>();
        for (OrganizationTemplateChanged.Role role : roles) {
            if (names.add(role.name())) {
                String id = role.id() != null && ids.add(role.id()) ? role.id() : null;
                result.add(new TemplateRole(id, role.name(), role.scopes() == null ? List.of() : role.scopes(),
                        role.resourceScopes())); // null: not said, kept as known (Directory#replaceTemplate)
            }
        }
        return result;
    }
}
