package io.documind.invitation.management;

import io.documind.invitation.lifecycle.Invitation;
import io.documind.kit.security.AccessToken;
import io.documind.kit.security.TokenKind;
import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;

/**
 * Who calls the Management-style API: a machine with a management token (any organization), or a member with
 * an organization token (that organization only, and the member is the inviter).
 */
public record Caller(TokenKind kind, String subject, String organizationId) {

    public static final String FIELD_ORGANIZATION_ID = "organizationId";

    public Caller {
        if (kind != TokenKind.MANAGEMENT && kind != TokenKind.ORGANIZATION) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "A management or organization token is needed");
        }
        if (kind == TokenKind.ORGANIZATION && (organizationId == null || subject == null)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "The organization token names no organization or user");
        }
    }

    public static Caller of(AccessToken token) {
        return new Caller(token.kind(), token.subject(), token.organizationId());
    }

    public static Caller management(String applicationId) {
        return new Caller(TokenKind.MANAGEMENT, applicationId, null);
    }

    public static Caller member(String organizationId, String userId) {
        return new Caller(TokenKind.ORGANIZATION, userId, organizationId);
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
}
