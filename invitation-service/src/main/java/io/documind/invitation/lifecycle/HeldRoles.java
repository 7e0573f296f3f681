package io.documind.invitation.lifecycle;

import io.documind.invitation.directory.TemplateRole;
import io.documind.kit.grants.GrantRule;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a member or an application holds in an organization after a role change, as org-service announced it: the
 * event's scopes, plus whatever the local template gives its roles. Judged against invitations by the same local
 * template ({@link GrantedRoles}), so a template edit whose events arrive in either order changes nothing by itself.
 * A member's API resource scopes are those its roles carry; an application's are none ({@code member} false).
 */
public record HeldRoles(Set<String> scopes, Set<String> resourceScopes, List<TemplateRole> template) {

    public static HeldRoles of(Collection<String> scopes, Collection<String> roles, boolean member,
                               List<TemplateRole> template) {
        Set<String> held = new HashSet<>(scopes);
        Set<String> heldResources = new HashSet<>();
        template.stream().filter(r -> roles.contains(r.name())).forEach(r -> {
            held.addAll(r.scopes());
            if (member && r.resourceScopes() != null) {
                heldResources.addAll(r.resourceScopes());
            }
        });
        return new HeldRoles(held, heldResources, template);
    }

    /** Whether accepting the invitation would grant nothing beyond what is held. */
    public boolean cover(Invitation invitation) {
        return GrantRule.holds(scopes, resourceScopes, GrantedRoles.of(invitation.roles(), template));
    }
}
