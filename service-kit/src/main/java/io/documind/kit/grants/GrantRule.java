package io.documind.kit.grants;

import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Grant only what you hold (issue 11): with an organization token a caller may grant a role (invite with it,
 * assign it) only when every scope of the role is among the token's own scopes, and every API resource scope the role
 * carries (organization-level API permissions, which the organization token does not list) is carried by a role the
 * caller itself holds there; otherwise 403 naming the role. Otherwise a Member holding invite:member could invite
 * itself as Admin, or with a role whose organization scopes it holds but which opens an API it cannot use. A
 * management token is not limited: it acts for the operator, who may change the template anyway.
 *
 * <p>Every path that grants organization roles calls {@link #requireHeld}, in every service.
 */
public final class GrantRule {

    /** A role as granted: its name (for the problem), its organization scopes and its API resource scope ids now. */
    public record Role(String name, Collection<String> scopes, Collection<String> resourceScopes) {
        public Role(String name, Collection<String> scopes) {
            this(name, scopes, List.of());
        }
    }

    private GrantRule() {
    }

    /**
     * @param kind           the caller's token kind; only {@link TokenKind#MANAGEMENT} is exempt
     * @param held           the caller's token scopes
     * @param heldResources  ids of the API resource scopes the caller's own roles in the organization carry; asked
     *                       (a read of the caller's roles) only when a granted role carries any, and at most once
     * @param roles          the roles to be granted
     * @param field          the request field that named the roles, for the problem
     * @throws ProblemException 403 naming the first role the caller may not grant, and what it lacks
     */
    public static void requireHeld(TokenKind kind, Set<String> held, Supplier<Set<String>> heldResources,
                                   List<Role> roles, String field) {
        require(kind, held, heldResources, roles, field, "grant the role ");
    }

    /**
     * The same rule for taking authority away: with an organization token a caller may change another member's
     * roles, or remove it, only when it could grant every role that member holds now. Otherwise, in a template
     * where a narrower role carries manage:member or delete:member, its holder could demote or remove an Admin.
     *
     * @param roles the roles the member holds now
     * @throws ProblemException 403 naming the first role the caller could not grant
     */
    public static void requireHeldToTake(TokenKind kind, Set<String> held, Supplier<Set<String>> heldResources,
                                         List<Role> roles) {
        require(kind, held, heldResources, roles, null, "change or remove a member holding the role ");
    }

    /**
     * The same rule for withdrawing someone else's invitation (revoking or deleting it): the caller could grant every
     * role it offers. Otherwise a narrower role's holder of manage:member could withdraw an Admin's invitation to
     * Admin. The inviter may always withdraw its own; the caller decides that.
     *
     * @throws ProblemException 403 naming the first role the caller could not grant
     */
    public static void requireHeldToWithdraw(TokenKind kind, Set<String> held, Supplier<Set<String>> heldResources,
                                             List<Role> roles) {
        require(kind, held, heldResources, roles, null, "withdraw an invitation to the role ");
    }

    private static void require(TokenKind kind, Set<String> held, Supplier<Set<String>> heldResources,
                                List<Role> roles, String field, String action) {
        if (kind == TokenKind.MANAGEMENT) {
            return;
        }
        Set<String> resourcesHeld = null;
        for (Role role : roles) {
            List<String> missing = role.scopes().stream().filter(s -> !held.contains(s)).distinct().sorted().toList();
            if (!missing.isEmpty()) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "You may not " + action + role.name()
                        + ": it has scopes your token does not hold (" + String.join(", ", missing) + ")", field);
            }
            if (role.resourceScopes().isEmpty()) {
                continue;
            }
            if (resourcesHeld == null) {
                resourcesHeld = heldResources.get();
            }
            Set<String> holding = resourcesHeld;
            long missingResources = role.resourceScopes().stream().filter(s -> !holding.contains(s)).distinct().count();
            if (missingResources > 0) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "You may not " + action + role.name()
                        + ": it carries " + missingResources + " API resource scope(s) that none of your roles here "
                        + "carries", field);
            }
        }
    }

    /**
     * Whether a holder of {@code held} scopes, whose roles carry the API resource scopes {@code heldResources}, may
     * grant every one of {@code roles}: {@link #requireHeld}'s rule as a question, for authority that changed after
     * the grant was vouched for (an invitation's grantor lost roles).
     */
    public static boolean holds(Set<String> held, Set<String> heldResources, List<Role> roles) {
        return roles.stream().allMatch(role -> held.containsAll(role.scopes())
                && heldResources.containsAll(role.resourceScopes()));
    }
}
