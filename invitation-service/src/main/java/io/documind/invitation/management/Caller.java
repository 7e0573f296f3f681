package io.documind.invitation.management;

import io.documind.contracts.security.Scopes;
import io.documind.invitation.lifecycle.Invitation;
import io.documind.kit.grants.GrantRule;
import io.documind.kit.security.AccessToken;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who calls the Management-style API: a machine with a management token (any organization), or a member with
 * an organization token (that organization only, and the member is the inviter), with the token's scopes and, to
 * check them again under a write's locks, its authority versions (null when absent).
 */
public record Caller(TokenKind kind, String subject, String organizationId, Set<String> scopes,
                     @Nullable Long authorityVersion, @Nullable Long organizationAuthorityVersion) {

    public static final String FIELD_ORGANIZATION_ID = "organizationId";

    public Caller {
        if (kind != TokenKind.MANAGEMENT && kind != TokenKind.ORGANIZATION) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "A management or organization token is needed");
        }
        if (kind == TokenKind.ORGANIZATION && (organizationId == null || subject == null)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "The organization token names no organization or user");
        }
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public static Caller of(AccessToken token) {
        return new Caller(token.kind(), token.subject(), token.organizationId(), token.scopes(),
                token.authorityVersion(), token.organizationAuthorityVersion());
    }

    public static Caller management(String applicationId) {
        return new Caller(TokenKind.MANAGEMENT, applicationId, null, Set.of(Scopes.MANAGEMENT_ALL), null, null);
    }

    public static Caller member(String organizationId, String userId, String... scopes) {
        return new Caller(TokenKind.ORGANIZATION, userId, organizationId, Set.of(scopes), null, null);
    }

    public boolean isManagement() {
        return kind == TokenKind.MANAGEMENT;
    }

    /**
     * The organization a call acts on. An organization token acts on its own (DESIGN §4: the organization is
     * taken from the token); naming another is 403. A management token must name one when {@code required}.
     */
    public String organization(String named, boolean required) {
        if (isManagement()) {
            if (required && (named == null || named.isBlank())) {
                throw ProblemException.badRequest(FIELD_ORGANIZATION_ID, "organizationId is required");
            }
            return named;
        }
        if (named != null && !named.equals(organizationId)) {
            throw new ProblemException(HttpStatus.FORBIDDEN,
                    "An organization token acts only on its own organization", FIELD_ORGANIZATION_ID);
        }
        return organizationId;
    }

    /** Another organization's invitation is not there at all for an organization token (404, no hint). */
    public boolean sees(Invitation invitation) {
        return isManagement() || organizationId.equals(invitation.organizationId());
    }

    /**
     * Grant only what you hold: 403 naming the first role with a scope this caller's token lacks, or an API resource
     * scope none of its roles carries ({@code heldResourceScopes}).
     */
    public void requireMayGrant(List<GrantRule.Role> roles, Supplier<Set<String>> heldResourceScopes, String field) {
        GrantRule.requireHeld(kind, scopes, heldResourceScopes, roles, field);
    }

    /**
     * Revoking or deleting someone else's invitation: 403 unless this caller could grant its roles. Its inviter
     * (and a management token) may always withdraw it.
     */
    public void requireMayWithdraw(Invitation invitation, Supplier<List<GrantRule.Role>> roles,
                                   Supplier<Set<String>> heldResourceScopes) {
        if (isManagement() || Objects.equals(subject, invitation.inviterId())) {
            return;
        }
        GrantRule.requireHeldToWithdraw(kind, scopes, heldResourceScopes, roles.get());
    }

    /**
     * Sending again or revoking someone else's invitation needs manage:member; the inviter may always act on
     * its own, and a management token on any.
     */
    public void requireMayActOn(Invitation invitation) {
        if (isManagement() || Objects.equals(subject, invitation.inviterId()) || scopes.contains(Scopes.MANAGE_MEMBER)) {
            return;
        }
        throw new ProblemException(HttpStatus.FORBIDDEN,
                "Only its inviter, or a member holding " + Scopes.MANAGE_MEMBER + ", may act on this invitation");
    }
}
