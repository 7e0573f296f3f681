package io.documind.invitation.lifecycle;

import io.documind.invitation.directory.TemplateRole;
import io.documind.kit.grants.GrantRule;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An invitation's roles as accepting it would grant them, with the template's scopes and resource scopes now: what
 * "grant only what you hold" weighs. A role gone from the template grants nothing on acceptance, so it has none.
 */
public final class GrantedRoles {

    private GrantedRoles() {
    }

    public static List<GrantRule.Role> of(List<InvitationRole> roles, List<TemplateRole> template) {
        Map<String, TemplateRole> byName = template.stream()
                .collect(Collectors.toMap(TemplateRole::name, r -> r, (a, b) -> a));
        Map<String, TemplateRole> byId = template.stream().filter(r -> r.id() != null)
                .collect(Collectors.toMap(TemplateRole::id, r -> r, (a, b) -> a));
        return roles.stream().map(r -> {
            // As org-service grants them on acceptance: by id where the invitation knows it (a role renamed since is
            // still granted, with the scopes it has now), by name only where it does not.
            TemplateRole now = r.id() == null ? byName.get(r.name())
                    : byId.getOrDefault(r.id(), unidentified(byName.get(r.name())));
            return now == null ? new GrantRule.Role(r.name(), List.of())
                    : new GrantRule.Role(r.name(), now.scopes(),
                    now.resourceScopes() == null ? List.of() : now.resourceScopes());
        }).toList();
    }

    /**
     * A template role known here only by its name (learnt from an org-service that sent no ids), or null: a role
     * whose id this service knows is not the one the invitation named.
     */
    private static TemplateRole unidentified(TemplateRole role) {
        return role != null && role.id() == null ? role : null;
    }
}
