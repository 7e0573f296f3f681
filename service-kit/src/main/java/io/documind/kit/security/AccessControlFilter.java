package io.documind.kit.security;

import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.resource.StaticResourceResolver;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Authentication and authorization for every route (DESIGN §4): deny by default, {@link PublicEndpoint} and the
 * public management endpoints open, {@link Authorized} checked against a validated bearer token, which is then
 * handed to the controller as an {@link AccessToken} parameter.
 *
 * <p>Why our own filter instead of micronaut-security's pipeline: the rules are ours (three token kinds from
 * {@code aud}, scopes, management needs {@code all}), the errors are ours (RFC 7807 with RFC 6750 challenges that
 * must say whether a token was presented and which scope is missing), and discovery must be lazy with an
 * unknown-{@code kid} refresh. Bending TokenValidator + SecurityRule + a rejection handler into that spreads one
 * decision over five extension points; one filter keeps it in one place. micronaut-security is therefore switched
 * off by {@link io.documind.kit.KitDefaults} ({@code micronaut.security.enabled=false}), so its default-deny cannot add a
 * second, different verdict.
 *
 * <p>Non-blocking: a token whose key is cached is checked on the event loop; only a key fetch moves the request
 * to the blocking executor. (A classic {@link HttpServerFilter}, not a {@code @RequestFilter} method: a request
 * filter whose future completes later with "proceed" (null) ends in an empty 503 in Micronaut 4.10.)
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class AccessControlFilter implements HttpServerFilter {

    /** Request attribute holding the validated {@link AccessToken}. */
    public static final String ACCESS_TOKEN = "documind.access-token";

    private final TokenValidator validator;
    private final VerificationKeys keys;
    private final SecuritySettings settings;
    private final ExecutorService blocking;
    private final StaticResourceResolver staticResources;
    private final Map<RouteInfo<?>, AccessRule> rules = new ConcurrentHashMap<>();

    AccessControlFilter(TokenValidator validator, VerificationKeys keys, SecuritySettings settings,
                        @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                        StaticResourceResolver staticResources) {
        this.validator = validator;
        this.keys = keys;
        this.settings = settings;
        this.blocking = blocking;
        this.staticResources = staticResources;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null) {
            return routeless(request, chain);
        }
        AccessRule rule = rules.computeIfAbsent(route.getRouteInfo(),
                r -> AccessRule.of(r.getAnnotationMetadata(), settings.publicEndpoints()));
        return switch (rule) {
            case AccessRule.Public ignored -> chain.proceed(request);
            case AccessRule.DenyAll ignored ->
                    Publishers.just(Challenges.missingToken(request, "This route is not open to any caller"));
            case AccessRule.Requires requires -> check(request, chain, requires);
        };
    }

    /**
     * No controller route: a 404/405, or a static resource (the OpenAPI document, Swagger UI), which is public.
     * Micronaut would serve a static resource whatever the method, so only GET and HEAD may reach one.
     */
    private Publisher<MutableHttpResponse<?>> routeless(HttpRequest<?> request, ServerFilterChain chain) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD
                || staticResources.resolve(request.getUri().getPath()).isEmpty()) {
            return chain.proceed(request);
        }
        return refuse(Challenges.readOnly(request));
    }

    private Publisher<MutableHttpResponse<?>> check(HttpRequest<?> request, ServerFilterChain chain,
                                                    AccessRule.Requires requires) {
        List<String> authorization = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return refuse(Challenges.missingToken(request, "An access token is required (Authorization: Bearer)"));
        }
        if (authorization.size() > 1) {
            return refuse(Challenges.invalidToken(request, "More than one Authorization header"));
        }
        String raw = bearerToken(authorization.get(0));
        if (raw == null) {
            return refuse(Challenges.missingToken(request, "An access token is required (Authorization: Bearer)"));
        }
        TokenValidator.UnverifiedToken token;
        try {
            token = validator.parse(raw);
        } catch (InvalidTokenException e) {
            return refuse(Challenges.invalidToken(request, e.getMessage()));
        }
        return switch (keys.lookup(token.keyId())) {
            case KeyLookup.Found found -> proceedOrRefuse(request, chain, decide(request, requires, token, found.key()));
            case KeyLookup.Unknown ignored -> refuse(unknownKey(request));
            case KeyLookup.Unavailable ignored -> refuse(Challenges.keysUnavailable(request));
            case KeyLookup.FetchNeeded ignored -> fetchThenDecide(request, chain, requires, token);
        };
    }

    /**
     * The fetch runs on the blocking executor; the rest of the request is then subscribed from there, inside the
     * request's propagated context.
     */
    private Publisher<MutableHttpResponse<?>> fetchThenDecide(HttpRequest<?> request, ServerFilterChain chain,
                                                              AccessRule.Requires requires,
                                                              TokenValidator.UnverifiedToken token) {
        PropagatedContext context = PropagatedContext.getOrEmpty();
        return subscriber -> blocking.execute(() -> {
            try (PropagatedContext.Scope ignored = context.propagate()) {
                Publisher<MutableHttpResponse<?>> next;
                try {
                    next = proceedOrRefuse(request, chain, fetchAndDecide(request, requires, token));
                } catch (RuntimeException e) {
                    next = Publishers.just(e);
                }
                next.subscribe(subscriber);
            }
        });
    }

    @Nullable
    private MutableHttpResponse<?> fetchAndDecide(HttpRequest<?> request, AccessRule.Requires requires,
                                                  TokenValidator.UnverifiedToken token) {
        try {
            RSAKey key = keys.fetch(token.keyId());
            return key == null ? unknownKey(request) : decide(request, requires, token, key);
        } catch (KeysUnavailableException e) {
            return Challenges.keysUnavailable(request);
        }
    }

    /** @return null to let the request through, else the refusal */
    @Nullable
    private MutableHttpResponse<?> decide(HttpRequest<?> request, AccessRule.Requires requires,
                                          TokenValidator.UnverifiedToken unverified, RSAKey key) {
        AccessToken token;
        try {
            token = validator.verify(unverified, key);
        } catch (InvalidTokenException e) {
            return Challenges.invalidToken(request, e.getMessage());
        }
        if (!requires.accepts(token.kind())) {
            // A valid token for another audience (e.g. a user token where an organization token is needed).
            return Challenges.invalidToken(request, "The access token is not meant for this route");
        }
        Set<String> needed = requires.scopesFor(token.kind());
        if (!token.scopes().containsAll(needed)) {
            return Challenges.insufficientScope(request, needed);
        }
        request.setAttribute(ACCESS_TOKEN, token);
        return null;
    }

    private static Publisher<MutableHttpResponse<?>> proceedOrRefuse(HttpRequest<?> request, ServerFilterChain chain,
                                                                     @Nullable MutableHttpResponse<?> refusal) {
        return refusal == null ? chain.proceed(request) : refuse(refusal);
    }

    private static Publisher<MutableHttpResponse<?>> refuse(MutableHttpResponse<?> refusal) {
        return Publishers.just(refusal);
    }

    private static MutableHttpResponse<?> unknownKey(HttpRequest<?> request) {
        return Challenges.invalidToken(request, "The access token's signing key is unknown");
    }

    /** RFC 6750 §2.1: {@code Bearer} (any case), one or more spaces, the token. Null when it is another scheme. */
    @Nullable
    static String bearerToken(String header) {
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        return value.substring(space + 1).strip();
    }
}
