package io.documind.org.token;

import io.documind.contracts.security.Scopes;
import io.documind.contracts.security.TokenClaims;
import io.documind.org.application.ApplicationService;
import io.documind.org.identity.User;
import io.documind.org.identity.UserAuthorities.UserAuthority;
import io.documind.org.identity.UserService;
import io.documind.org.membership.MembershipRepository;
import io.documind.org.membership.MembershipRepository.MemberAuthority;
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

    public record TokenResponse(String accessToken, long expiresIn, String scope, String refreshToken) {
    }

    private final UserService users;
    private final ApplicationService applications;
    private final MembershipRepository memberships;
    private final RefreshTokens refreshTokens;
    private final TokenIssuer issuer;
    private final TokenSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final LoginThrottle throttle;

    public TokenService(UserService users, ApplicationService applications, MembershipRepository memberships,
                        RefreshTokens refreshTokens, TokenIssuer issuer, TokenSettings settings,
                        TransactionOperations<Connection> transactions, LoginFailures loginFailures) {
        this.users = users;
        this.throttle = new LoginThrottle(LoginThrottle.Limits.DEFAULT, Clock.systemUTC(), loginFailures);
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
        require(password, "password");
        String client = firstPartyClient(clientId);
        requireApiResource(resource);
        Optional<UserAuthority> user =
                throttle.attempt(email, clientAddress, () -> users.authenticate(email, password));
        if (user.isEmpty()) {
            throw OAuthException.invalidGrant("Wrong email or password");
        }
        UserAuthority signedIn = user.get();
        SignInRule.refusal(signedIn, signedIn.version()).ifPresent(reason -> {
            throw OAuthException.invalidGrant(reason);
        });
        List<String> scopes = userScopes(scope);
        // The sign-in starts at the version read with the password it matched: a change committed since then
        // ends it at its first refresh.
        String refresh = transactions.executeWrite(s ->
                refreshTokens.issue(signedIn.user().id(), client, scopes, UUID.randomUUID(), signedIn.version()));
        return userToken(signedIn, client, scopes, refresh);
    }

    public TokenResponse refresh(String presented, String organizationId, String scope) {
        require(presented, "refresh_token");
        UUID organization = organizationId == null ? null : parseOrganization(organizationId);
        record Outcome(RefreshTokens.Rejected rejected, RefreshTokens.Rotated rotated, String refresh,
                       UserAuthority user, MemberAuthority member) {
        }
        // One transaction: a rejected token's family revocation commits; a refused organization rolls back,
        // so the client keeps its refresh token.
        Outcome outcome = transactions.executeWrite(s -> {
            RefreshTokens.Rotation rotation = refreshTokens.rotate(presented);
            if (rotation instanceof RefreshTokens.Rejected rejected) {
                return new Outcome(rejected, null, null, null, null);
            }
            RefreshTokens.Rotated rotated = (RefreshTokens.Rotated) rotation;
            // Read after the token row is locked: a password change or suspension committed before this statement
            // is seen here; one committed after it finds this sign-in's version below its own at the next refresh.
            UserAuthority user = users.authority(rotated.userId()).orElse(null);
            Optional<String> refusal = SignInRule.refusal(user, rotated.authorityVersion());
            if (refusal.isPresent()) {
                refreshTokens.revokeFamily(rotated.familyId());
                return new Outcome(new RefreshTokens.Rejected(refusal.get()), null, null, null, null);
            }
            MemberAuthority member = null;
            if (organization != null) {
                member = memberships.authorityOf(organization, rotated.userId()).orElseThrow(() ->
                        new OAuthException("access_denied", "Not a member of that organization", HttpStatus.FORBIDDEN, null));
            }
            String next = refreshTokens.issue(rotated.userId(), rotated.clientId(), rotated.scopes(),
                    rotated.familyId(), rotated.authorityVersion());
            return new Outcome(null, rotated, next, user, member);
        });
        if (outcome.rejected() != null) {
            throw OAuthException.invalidGrant(outcome.rejected().reason());
        }
        RefreshTokens.Rotated rotated = outcome.rotated();
        if (organization == null) {
            return userToken(outcome.user(), rotated.clientId(), rotated.scopes(), outcome.refresh());
        }
        // The canonical spelling, not the client's: UUID.fromString also takes upper case and unpadded groups,
        // and services compare the id as text, so another spelling would name a tenant that does not exist.
        String canonical = organization.toString();
        TokenIssuer.IssuedToken token = issuer.issue(rotated.userId(), TokenClaims.organizationAudience(canonical),
                rotated.clientId(), intersect(requested(scope), outcome.member().scopes()), Map.of(
                        TokenClaims.ORGANIZATION_ID, canonical,
                        TokenClaims.AUTHORITY_VERSION, outcome.user().version(),
                        TokenClaims.ORGANIZATION_AUTHORITY_VERSION, outcome.member().version()));
        return new TokenResponse(token.value(), token.expiresIn(), token.scope(), outcome.refresh());
    }

    public TokenResponse clientCredentials(String clientId, String clientSecret, String scope, String resource,
                                           String clientAddress) {
        ApplicationService.AuthenticatedApplication application = throttle.attempt("client:" + clientId, clientAddress,
                () -> applications.authenticate(clientId, clientSecret)).orElseThrow(OAuthException::invalidClient);
        if (resource != null && !TokenClaims.MANAGEMENT_AUDIENCE.equals(resource)) {
            throw new OAuthException("invalid_target", "Machine-to-machine apps may only ask for "
                    + TokenClaims.MANAGEMENT_AUDIENCE);
        }
        Set<String> requested = requested(scope); // a set: "all all" asks for the same as "all"
        if (!requested.isEmpty() && !requested.equals(Set.of(Scopes.MANAGEMENT_ALL))) {
            throw new OAuthException("invalid_scope", "The management API has the single scope 'all'");
        }
        TokenIssuer.IssuedToken token = issuer.issue(clientId, TokenClaims.MANAGEMENT_AUDIENCE, clientId,
                List.of(Scopes.MANAGEMENT_ALL), Map.of(TokenClaims.AUTHORITY_VERSION, application.authorityVersion()));
        return new TokenResponse(token.value(), token.expiresIn(), token.scope(), null);
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
        return new TokenResponse(token.value(), token.expiresIn(), token.scope(), refresh);
    }

    private String firstPartyClient(String clientId) {
        if (clientId != null && !clientId.equals(settings.getFirstPartyClientId())) {
            throw new OAuthException("unauthorized_client", "Only the first-party app may use the password grant");
        }
        return settings.getFirstPartyClientId();
    }

    private static void requireApiResource(String resource) {
        if (resource != null && !TokenClaims.DEFAULT_API_AUDIENCE.equals(resource)) {
            throw new OAuthException("invalid_target", "Unknown resource " + resource);
        }
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

    private static Set<String> requested(String scope) {
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

    private static UUID parseOrganization(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // Unknown to us either way: the same answer as for an organization the user is not in.
            throw new OAuthException("access_denied", "Not a member of that organization", HttpStatus.FORBIDDEN, null);
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw OAuthException.invalidRequest("Missing " + name);
        }
        if (value.length() > 4096) {
            throw OAuthException.invalidRequest(name + " is too long");
        }
    }
}
