package io.documind.org.token;

import io.documind.contracts.security.Scopes;
import io.documind.contracts.security.TokenClaims;
import io.documind.org.application.ApplicationService;
import io.documind.org.identity.PasswordHashing;
import io.documind.org.identity.User;
import io.documind.org.identity.UserAuthorities.UserAuthority;
import io.documind.org.identity.UserService;
import io.documind.org.membership.MembershipRepository;
import io.documind.org.membership.MembershipRepository.MemberAuthority;
import io.documind.org.organization.CreatorAdmission;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The grants of POST /oidc/token (DESIGN §4). Answers or throws an {@link OAuthException}. */
@Singleton
public class TokenService {

    /** OIDC-style scopes a user token may carry. */
    static final Set<String> USER_SCOPES = Set.of("openid", "profile", "email", "offline_access");

    /** kind: what the token is for the metrics (user, organization, management, resource, organization-resource). */
    public record TokenResponse(String accessToken, long expiresIn, String scope, String refreshToken, String kind) {
        static TokenResponse of(TokenIssuer.IssuedToken token, String refreshToken, String kind) {
            return new TokenResponse(token.value(), token.expiresIn(), token.scope(), refreshToken, kind);
        }
    }

    private final UserService users;
    private final ApplicationService applications;
    private final MembershipRepository memberships;
    private final RefreshTokens refreshTokens;
    private final TokenIssuer issuer;
    private final TokenSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final LoginThrottle throttle;
    private final ResourceGrants resources;
    private final ApplicationOrganizationGrant organizationGrant;
    private final CreatorAdmission creators;
    private final PasswordHashing hashing;

    public TokenService(UserService users, ApplicationService applications, MembershipRepository memberships,
                        RefreshTokens refreshTokens, TokenIssuer issuer, TokenSettings settings,
                        TransactionOperations<Connection> transactions, LoginFailures loginFailures,
                        ResourceGrants resources, ApplicationOrganizationGrant organizationGrant,
                        CreatorAdmission creators, PasswordHashing hashing) {
        this.users = users;
        this.hashing = hashing;
        this.resources = resources;
        this.organizationGrant = organizationGrant;
        this.creators = creators;
        this.throttle = new LoginThrottle(settings.loginLimits(), Clock.systemUTC(), loginFailures);
        this.applications = applications;
        this.memberships = memberships;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.settings = settings;
        this.transactions = transactions;
    }

    public TokenResponse password(String email, String password, String clientId, String scope, String resource,
                                  String clientAddress) {
        if (!settings.isPasswordGrantEnabled()) {
            throw new OAuthException("unsupported_grant_type", "The password grant is switched off");
        }
        require(email, "username");
        if (email.length() > USERNAME_MAX) {
            // No account has such an address (RFC 5321 allows 254), and it would overflow the throttle key's index.
            throw OAuthException.invalidRequest("username is too long");
        }
        require(password, "password");
        String client = firstPartyClient(clientId);
        ResourceGrants.Target target = userTarget(resource);
        // With a resource, scope names the resource's scopes; the sign-in itself keeps the user scopes.
        List<String> scopes = target == null ? userScopes(scope) : userScopes(null);
        hashing.refuseWhenFull();
        Optional<UserAuthority> user =
                throttle.attempt(email, clientAddress, () -> users.authenticate(email, password));
        if (user.isEmpty()) {
            throw OAuthException.invalidGrant("Wrong email or password");
        }
        UserAuthority signedIn = user.get();
        SignInRule.refusal(signedIn, signedIn.version()).ifPresent(reason -> {
            throw OAuthException.invalidGrant(reason);
        });
        // The sign-in starts at the version read with the password it matched: a change committed since then
        // ends it at its first refresh.
        String refresh = transactions.executeWrite(s ->
                refreshTokens.issue(signedIn.user().id(), client, scopes, UUID.randomUUID(), signedIn.version()));
        if (target != null) {
            return resourceToken(signedIn, client, target, requested(scope),
                    resources.ofUser(signedIn.user().id(), target), refresh);
        }
        return userToken(signedIn, client, scopes, refresh);
    }

    /**
     * refresh_token, alone (a user token), with organization_id (an organization token), with resource (an API
     * resource token of the user's global roles) or both (of the member's organization roles).
     */
    public TokenResponse refresh(String presented, String clientId, String organizationId, String scope,
                                 String resource) {
        require(presented, "refresh_token");
        UUID organization = organizationId == null ? null : parseOrganization(organizationId);
        // Before the rotation: an unknown resource must not spend the refresh token.
        ResourceGrants.Target target = organization == null ? userTarget(resource)
                : resource == null ? null : resources.target(resource);
        Set<String> requested = requested(scope);
        record Outcome(RefreshTokens.Rejected rejected, RefreshTokens.Rotated rotated, String refresh,
                       UserAuthority user, MemberAuthority member, List<String> resourceScopes) {
        }
        // One transaction: a rejected token's family revocation commits; a refused organization, client or scope
        // rolls back, so the client keeps its refresh token.
        Outcome outcome = transactions.executeWrite(s -> {
            RefreshTokens.Rotation rotation = refreshTokens.rotate(presented);
            if (rotation instanceof RefreshTokens.Rejected rejected) {
                return new Outcome(rejected, null, null, null, null, null);
            }
            RefreshTokens.Rotated rotated = (RefreshTokens.Rotated) rotation;
            if (clientId != null && !clientId.equals(rotated.clientId())) {
                throw OAuthException.invalidGrant("The refresh token was issued to another client"); // RFC 6749 §6
            }
            if (organization == null && target == null && !rotated.scopes().containsAll(requested)) {
                throw new OAuthException("invalid_scope", "More than the sign-in was granted: " + rotated.scopes());
            }
            // Read after the token row is locked: a password change or suspension committed before this statement
            // is seen here; one committed after it finds this sign-in's version below its own at the next refresh.
            UserAuthority user = users.authority(rotated.userId()).orElse(null);
            Optional<String> refusal = SignInRule.refusal(user, rotated.authorityVersion());
            if (refusal.isPresent()) {
                refreshTokens.revokeFamily(rotated.familyId());
                return new Outcome(new RefreshTokens.Rejected(refusal.get()), null, null, null, null, null);
            }
            MemberAuthority member = null;
            if (organization != null) {
                member = memberships.authorityOf(organization, rotated.userId())
                        .orElseThrow(() -> notAMember(organization, rotated.userId()));
                if (member.mfaRequired()) {
                    throw mfaNotSetUp();
                }
            }
            // Read after the version: a shrink committed in between gives the shrunk scopes, never a newer
            // version with the older scopes.
            List<String> resourceScopes = target == null ? null : organization == null
                    ? resources.ofUser(rotated.userId(), target)
                    : resources.ofMember(organization, rotated.userId(), target);
            return new Outcome(null, rotated, rotated.next(), user, member, resourceScopes);
        });
        if (outcome.rejected() != null) {
            throw OAuthException.invalidGrant(outcome.rejected().reason());
        }
        RefreshTokens.Rotated rotated = outcome.rotated();
        if (organization == null) {
            return target == null
                    ? userToken(outcome.user(), rotated.clientId(), intersect(requested, rotated.scopes()), outcome.refresh())
                    : resourceToken(outcome.user(), rotated.clientId(), target, requested, outcome.resourceScopes(),
                    outcome.refresh());
        }
        // The canonical spelling, not the client's: UUID.fromString also takes upper case and unpadded groups,
        // and services compare the id as text, so another spelling would name a tenant that does not exist.
        String canonical = organization.toString();
        Map<String, Object> claims = Map.of(
                TokenClaims.ORGANIZATION_ID, canonical,
                TokenClaims.AUTHORITY_VERSION, outcome.user().version(),
                TokenClaims.ORGANIZATION_AUTHORITY_VERSION, outcome.member().version());
        if (target != null) {
            return TokenResponse.of(issuer.issue(rotated.userId(), target.indicator(), rotated.clientId(),
                    intersect(requested, outcome.resourceScopes()), claims, target.lifetime()), outcome.refresh(),
                    "organization-resource");
        }
        TokenIssuer.IssuedToken token = issuer.issue(rotated.userId(), TokenClaims.organizationAudience(canonical),
                rotated.clientId(), intersect(requested, outcome.member().scopes()), claims);
        return TokenResponse.of(token, outcome.refresh(), "organization");
    }

    public TokenResponse clientCredentials(String clientId, String clientSecret, String scope, String resource,
                                           String organizationId, String clientAddress) {
        ApplicationService.AuthenticatedApplication application = throttle.attempt("client:" + clientId, clientAddress,
                () -> applications.authenticate(clientId, clientSecret)).orElseThrow(OAuthException::invalidClient);
        if (organizationId != null) {
            return organizationGrant.issue(application, organizationId, scope, resource);
        }
        if (resource != null && !TokenClaims.MANAGEMENT_AUDIENCE.equals(resource)) {
            ResourceGrants.Target target = resources.target(resource);
            TokenIssuer.IssuedToken token = issuer.issue(clientId, target.indicator(), clientId,
                    intersect(requested(scope), resources.ofApplication(clientId, target)),
                    Map.of(TokenClaims.AUTHORITY_VERSION, application.authorityVersion()), target.lifetime());
            return TokenResponse.of(token, null, "resource");
        }
        Set<String> requested = requested(scope); // a set: "all all" asks for the same as "all"
        if (!requested.isEmpty() && !requested.equals(Set.of(Scopes.MANAGEMENT_ALL))) {
            throw new OAuthException("invalid_scope", "The management API has the single scope 'all'");
        }
        if (!application.managementAccess()) {
            // An application made for one organization (or for an API resource) must not manage every organization.
            throw new OAuthException("unauthorized_client", "This application has no Management API access; ask for "
                    + "an organization's token (organization_id) or an API resource's (resource)");
        }
        TokenIssuer.IssuedToken token = issuer.issue(clientId, TokenClaims.MANAGEMENT_AUDIENCE, clientId,
                List.of(Scopes.MANAGEMENT_ALL), Map.of(TokenClaims.AUTHORITY_VERSION, application.authorityVersion()));
        return TokenResponse.of(token, null, "management");
    }

    public void revoke(String refreshToken) {
        require(refreshToken, "token");
        transactions.executeWrite(s -> {
            refreshTokens.revoke(refreshToken);
            return null;
        });
    }

    private TokenResponse userToken(UserAuthority authority, String clientId, List<String> scopes, String refresh) {
        User user = authority.user();
        TokenIssuer.IssuedToken token = issuer.issue(user.id(), TokenClaims.DEFAULT_API_AUDIENCE, clientId, scopes,
                Map.of(TokenClaims.EMAIL, user.email(), TokenClaims.NAME, user.name(),
                        TokenClaims.EMAIL_VERIFIED, user.emailVerified(),
                        TokenClaims.AUTHORITY_VERSION, authority.version()));
        return TokenResponse.of(token, refresh, "user");
    }

    /**
     * An API resource token of the user: its scopes come from global roles, whose changes raise no version (see
     * RoleService); the resource's accessTokenTtl bounds how long a removed scope lives on.
     */
    private TokenResponse resourceToken(UserAuthority authority, String clientId, ResourceGrants.Target target,
                                        Set<String> requested, List<String> granted, String refresh) {
        TokenIssuer.IssuedToken token = issuer.issue(authority.user().id(), target.indicator(), clientId,
                intersect(requested, granted), Map.of(TokenClaims.AUTHORITY_VERSION, authority.version()),
                target.lifetime());
        return TokenResponse.of(token, refresh, "resource");
    }

    private String firstPartyClient(String clientId) {
        if (clientId != null && !clientId.equals(settings.getFirstPartyClientId())) {
            throw new OAuthException("unauthorized_client", "Only the first-party app may use the password grant");
        }
        return settings.getFirstPartyClientId();
    }

    /** A user token's resource: none for the default audience, else a registered one (or invalid_target). */
    private ResourceGrants.Target userTarget(String resource) {
        return resource == null || TokenClaims.DEFAULT_API_AUDIENCE.equals(resource) ? null : resources.target(resource);
    }

    private static List<String> userScopes(String scope) {
        Set<String> requested = requested(scope);
        if (requested.isEmpty()) {
            return List.of("openid", "profile", "email", "offline_access");
        }
        if (!USER_SCOPES.containsAll(requested)) {
            throw new OAuthException("invalid_scope", "Unknown scope; use " + USER_SCOPES);
        }
        return List.copyOf(requested);
    }

    /** Requested ∩ granted, or everything granted when nothing was requested (DESIGN §4). */
    static List<String> intersect(Set<String> requested, List<String> granted) {
        return requested.isEmpty() ? granted : granted.stream().filter(requested::contains).toList();
    }

    static Set<String> requested(String scope) {
        Set<String> set = new LinkedHashSet<>();
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    set.add(s);
                }
            }
        }
        return set;
    }

    /**
     * Logto's rule for an organization that requires MFA: members without MFA set up get no organization token.
     * No user here can set MFA up yet, so no member of such an organization gets one; stored and ignored, the
     * requirement would let through exactly the sign-ins its administrators meant to stop.
     */
    private static OAuthException mfaNotSetUp() {
        return new OAuthException("access_denied", "The organization requires multi-factor authentication of its "
                + "members and this platform offers none yet; the Management API can turn its isMfaRequired off",
                HttpStatus.FORBIDDEN, null);
    }

    /**
     * A creator whose OrganizationCreated is not applied yet is about to be Admin: told to retry (RFC 6749's
     * temporarily_unavailable, 503 with Retry-After), not refused. Anyone else is refused.
     */
    private OAuthException notAMember(UUID organization, String userId) {
        if (creators.isPendingCreator(organization, userId)) {
            return new OAuthException("temporarily_unavailable", "The organization was just created and your "
                    + "Admin membership is still being set up; retry shortly", HttpStatus.SERVICE_UNAVAILABLE,
                    CreatorAdmission.RETRY_AFTER_SECONDS);
        }
        return new OAuthException("access_denied", "Not a member of that organization", HttpStatus.FORBIDDEN, null);
    }

    private static UUID parseOrganization(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // Unknown to us either way: the same answer as for an organization the user is not in.
            throw new OAuthException("access_denied", "Not a member of that organization", HttpStatus.FORBIDDEN, null);
        }
    }

    /** Longer than any email address (RFC 5321: 254 characters). */
    private static final int USERNAME_MAX = 320;

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw OAuthException.invalidRequest("Missing " + name);
        }
        if (value.length() > 4096) {
            throw OAuthException.invalidRequest(name + " is too long");
        }
    }
}
