package io.documind.kit.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.resource.StaticResourceResolver;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one {@link SecurityRule} of every service (DESIGN §4): deny by default, {@link PublicEndpoint} and the public
 * management endpoints open, {@link Authorized} checked against the token micronaut-security validated, which is
 * then handed to the controller as an {@link AccessToken} parameter. It runs before the library's own rules and
 * always decides (never UNKNOWN), so no other rule can add a second, different verdict.
 *
 * <p>A rejection carries its answer on the request ({@link #refusal}) for {@link AccessRefusalHandler}: the
 * library's rule result is only allowed/rejected, while callers are owed the reason and the missing scopes.
 */
@Singleton
public class AuthorizedRule implements SecurityRule<HttpRequest<?>> {

    /** Before every rule of micronaut-security. */
    public static final int ORDER = Integer.MIN_VALUE + 1000;
    /** Request attribute holding the {@link AccessToken} of an authorized request. */
    static final String ACCESS_TOKEN = AccessTokenAuthentication.ACCESS_TOKEN;
    private static final String REFUSAL = "documind.refusal";
    private static final Publisher<SecurityRuleResult> ALLOWED = Mono.just(SecurityRuleResult.ALLOWED);
    private static final Publisher<SecurityRuleResult> REJECTED = Mono.just(SecurityRuleResult.REJECTED);

    private final SecuritySettings settings;
    private final StaticResourceResolver staticResources;
    private final Map<RouteInfo<?>, AccessRule> rules = new ConcurrentHashMap<>();

    AuthorizedRule(SecuritySettings settings, StaticResourceResolver staticResources) {
        this.settings = settings;
        this.staticResources = staticResources;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null) {
            return routeless(request);
        }
        AccessRule rule = rules.computeIfAbsent(route.getRouteInfo(),
                r -> AccessRule.of(r.getAnnotationMetadata(), settings.publicEndpoints()));
        return switch (rule) {
            case AccessRule.Public ignored -> {
                HealthDetails.onlyForManagement(request, route, authentication);
                yield ALLOWED;
            }
            case AccessRule.DenyAll ignored ->
                    refuse(request, Challenges.missingToken(request, "This route is not open to any caller"));
            case AccessRule.Requires requires -> check(request, requires, authentication);
        };
    }

    /** The answer prepared for a rejected request. */
    static Optional<MutableHttpResponse<?>> refusal(HttpRequest<?> request) {
        return request.getAttribute(REFUSAL).map(r -> (MutableHttpResponse<?>) r);
    }

    /**
     * No controller route: a 404/405, or a static resource (the OpenAPI document, Swagger UI), which is public.
     * Micronaut would serve a static resource whatever the method, so only GET and HEAD may reach one.
     */
    private Publisher<SecurityRuleResult> routeless(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD
                || staticResources.resolve(request.getUri().getPath()).isEmpty()) {
            return ALLOWED;
        }
        return refuse(request, Challenges.readOnly(request));
    }

    private Publisher<SecurityRuleResult> check(HttpRequest<?> request, AccessRule.Requires requires,
                                                @Nullable Authentication authentication) {
        AccessToken token = authentication == null ? null : AccessTokenAuthentication.of(authentication).orElse(null);
        if (token == null) {
            return refuse(request, unauthenticated(request));
        }
        if (!requires.accepts(token.kind())) {
            // A valid token for another audience (e.g. a user token where an organization token is needed).
            return refuse(request, Challenges.invalidToken(request, "The access token is not meant for this route"));
        }
        Set<String> needed = requires.scopesFor(token.kind());
        if (!token.scopes().containsAll(needed)) {
            return refuse(request, Challenges.insufficientScope(request, needed));
        }
        request.setAttribute(ACCESS_TOKEN, token);
        return ALLOWED;
    }

    private static MutableHttpResponse<?> unauthenticated(HttpRequest<?> request) {
        Optional<RuntimeException> refusal = TokenRefusals.recorded(request);
        if (refusal.isPresent()) {
            return refusal.get() instanceof TokenCheckUnavailableException
                    ? Challenges.keysUnavailable(request)
                    : Challenges.invalidToken(request, refusal.get().getMessage());
        }
        if (TokenRefusals.wasPresented(request)) {
            // Refused by the library itself before any of our steps: not a JWT, or not signed at all.
            return Challenges.invalidToken(request, "The access token is malformed or not signed");
        }
        return Challenges.missingToken(request, "An access token is required (Authorization: Bearer)");
    }

    private static Publisher<SecurityRuleResult> refuse(HttpRequest<?> request, MutableHttpResponse<?> refusal) {
        request.setAttribute(REFUSAL, refusal);
        return REJECTED;
    }

    /**
     * Health details name JDBC URLs, versions, brokers and disks: only a management token sees them
     * ({@code endpoints.health.details-visible: AUTHENTICATED} in {@code KitDefaults}); everyone gets the status.
     * The health endpoint shows details to any principal, so for any other caller the principal is taken away.
     */
    private static final class HealthDetails {

        static void onlyForManagement(HttpRequest<?> request, RouteMatch<?> route,
                                      @Nullable Authentication authentication) {
            if (authentication == null || !isHealth(route)) {
                return;
            }
            boolean management = AccessTokenAuthentication.of(authentication)
                    .filter(t -> t.kind() == TokenKind.MANAGEMENT).isPresent();
            if (!management) {
                request.removeAttribute(SecurityFilter.AUTHENTICATION, Object.class);
                request.removeAttribute(HttpAttributes.PRINCIPAL, Object.class);
            }
        }

        private static boolean isHealth(RouteMatch<?> route) {
            return route.getRouteInfo().getAnnotationMetadata().stringValue(Endpoint.class, "id")
                    .filter(s -> !s.isBlank())
                    .or(() -> route.getRouteInfo().getAnnotationMetadata().stringValue(Endpoint.class))
                    .filter(HealthEndpoint.NAME::equals).isPresent();
        }
    }
}
