package io.documind.org.token;

import io.documind.contracts.security.TokenClaims;
import io.documind.org.application.ApplicationService.AuthenticatedApplication;
import io.documind.org.application.OrganizationApplicationRepository;
import io.documind.org.application.OrganizationApplicationRepository.ApplicationAuthority;
import io.documind.org.token.TokenService.TokenResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code client_credentials} with {@code organization_id} (DESIGN §4, app organization token): an application that
 * belongs to the organization gets a token for it, with the scopes of its organization roles there, or with
 * {@code resource} the resource scopes those roles carry for that API resource. Any other application is refused
 * with access_denied: it never falls back to a management token.
 */
@Singleton
class ApplicationOrganizationGrant {

    private final OrganizationApplicationRepository applications;
    private final ResourceGrants resources;
    private final TokenIssuer issuer;
    private final TransactionOperations<Connection> transactions;

    ApplicationOrganizationGrant(OrganizationApplicationRepository applications, ResourceGrants resources,
                                 TokenIssuer issuer, TransactionOperations<Connection> transactions) {
        this.applications = applications;
        this.resources = resources;
        this.issuer = issuer;
        this.transactions = transactions;
    }

    TokenResponse issue(AuthenticatedApplication application, String organizationId, String scope, String resource) {
        if (TokenClaims.MANAGEMENT_AUDIENCE.equals(resource)) {
            throw new OAuthException("invalid_target", "A management token belongs to no organization: leave out "
                    + "organization_id or ask for another resource");
        }
        UUID organization = parse(organizationId);
        record Grant(Optional<ResourceGrants.Target> target, Optional<ApplicationAuthority> authority) {
        }
        Grant grant = transactions.executeRead(s -> {
            if (resource == null) {
                return new Grant(Optional.empty(), applications.authorityOf(organization, application.id()));
            }
            ResourceGrants.Target target = resources.target(resource);
            return new Grant(Optional.of(target),
                    applications.resourceAuthorityOf(organization, application.id(), target.resourceId()));
        });
        ApplicationAuthority authority = grant.authority().orElseThrow(ApplicationOrganizationGrant::notInOrganization);
        // The canonical spelling, as for a member's organization token: services compare the id as text.
        String canonical = organization.toString();
        String audience = grant.target().map(ResourceGrants.Target::indicator)
                .orElse(TokenClaims.organizationAudience(canonical));
        Duration lifetime = grant.target().map(ResourceGrants.Target::lifetime).orElse(null);
        // authority_version is the one read with the secret that matched (ApplicationService.authenticate): a
        // version read later could be newer than a secret rotated in between, and would outlive it.
        Map<String, Object> claims = Map.of(
                TokenClaims.ORGANIZATION_ID, canonical,
                TokenClaims.AUTHORITY_VERSION, application.authorityVersion(),
                TokenClaims.ORGANIZATION_AUTHORITY_VERSION, authority.organizationVersion());
        var scopes = TokenService.intersect(TokenService.requested(scope), authority.scopes());
        TokenIssuer.IssuedToken token = lifetime == null
                ? issuer.issue(application.id(), audience, application.id(), scopes, claims)
                : issuer.issue(application.id(), audience, application.id(), scopes, claims, lifetime);
        return TokenResponse.of(token, null, grant.target().isPresent() ? "organization-resource" : "organization");
    }

    private static UUID parse(String organizationId) {
        try {
            return UUID.fromString(organizationId);
        } catch (IllegalArgumentException e) {
            throw notInOrganization(); // unknown either way: the same answer as for an organization it is not in
        }
    }

    private static OAuthException notInOrganization() {
        return new OAuthException("access_denied", "The application does not belong to that organization",
                HttpStatus.FORBIDDEN, null);
    }
}
