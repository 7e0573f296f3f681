package io.documind.kit.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Refuses, with a {@link BadInputException} (a 400 problem naming the field), any request whose JSON or form body
 * carries text {@link StorableText} says cannot be stored, or whose JSON body holds a value of another kind than the
 * route's body type declares ({@link JsonShape}), or that is not one JSON value with each name once
 * ({@link StrictJson}): the one place for these, so no route reaches the database with a NUL and answers 500, binds
 * {@code "perhaps"} as false, or answers 201 to the first of two objects. A body without a Content-Type, or in a
 * Content-Encoding nothing decoded, is refused (415) before any of that. {@link StorableRequestLine} checks paths and
 * query parameters, for every method, before this runs.
 *
 * <p>The body is read with micronaut's {@link FilterBodyParser}, which buffers a split of it: the route still
 * binds its own copy. A body that does not parse (or is not an object) goes on: the route's binding answers it.
 * The refusal is an error signal, not a response, so exception handling answers it and a route with another
 * error format (the token endpoint's RFC 6749 errors) can map it with a local {@code @Error} handler.
 * (A classic {@link HttpServerFilter}: a {@code @RequestFilter} whose future completes later with "proceed"
 * ends in an empty 503 in Micronaut 4.10.) Only the methods that carry a body pass it: a GET skips its reactive
 * steps entirely.
 */
@Filter(value = Filter.MATCH_ALL_PATTERN, methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
public class StorableTextFilter implements HttpServerFilter {

    private final FilterBodyParser bodies;
    private final Executor continuation;

    StorableTextFilter(FilterBodyParser bodies, @Named(TaskExecutors.BLOCKING) Executor continuation) {
        this.bodies = bodies;
        this.continuation = continuation;
    }

    /** After access control and {@link StorableRequestLine}. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 1;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (request.getContentType().isEmpty() && hasBody(request)) {
            // Micronaut binds an untyped body with the route's own reader (JSON), so it would reach the route
            // unchecked: refused as a body of a type the route does not take.
            return Publishers.just(new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "A request body needs a Content-Type header: application/json (application/x-www-form-urlencoded"
                            + " for the token endpoint)"));
        }
        String encoding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            // Netty takes off the Content-Encoding it decodes (gzip, deflate); one still here was not decoded, and
            // the route would have read the encoded bytes as the body (the probe's "x-foo" body was bound as JSON).
            return Publishers.just(new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding " + encoding.strip() + " is not supported: send gzip, deflate or none"));
        }
        if (!mayCarryText(request)) {
            return chain.proceed(request);
        }
        PropagatedContext context = PropagatedContext.getOrEmpty();
        return subscriber -> {
            CompletableFuture<Optional<StorableText.Refusal>> parsed = bodies.parseBody(request)
                    .handle((body, error) -> error == null
                            ? StorableText.find(body).or(() -> misshapen(request, body))
                            : Optional.empty());
            CompletableFuture<Optional<StorableText.Refusal>> checked = parsed.thenCombine(jsonFlaw(request),
                    (refusal, flaw) -> flaw.or(() -> refusal));
            BiConsumer<Optional<StorableText.Refusal>, Throwable> next = (refusal, error) -> {
                try (PropagatedContext.Scope ignored = context.propagate()) {
                    Optional<StorableText.Refusal> inBody = error == null ? refusal : Optional.empty();
                    Publisher<MutableHttpResponse<?>> response = inBody.isPresent()
                            ? refuse(inBody.get())
                            : chain.proceed(request);
                    response.subscribe(subscriber);
                }
            };
            if (checked.isDone()) {
                checked.whenComplete(next);
            } else {
                // The body arrives later: its completion runs inside the body buffer's own delivery, and the route
                // binding the body from there re-enters that buffer (an AssertionError under -ea, a corrupted read
                // without). Going on from another thread lets the delivery finish first. Seen when the request
                // resumes off the event loop, e.g. after the first fetch of the issuer's keys.
                checked.whenCompleteAsync(next, continuation);
            }
        };
    }

    /** {@link StrictJson}'s verdict on a JSON body, read from a split of its own as the parser reads its. */
    private static CompletableFuture<Optional<StorableText.Refusal>> jsonFlaw(HttpRequest<?> request) {
        if (!isJson(request) || !(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        try (CloseableByteBody copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            return copy.buffer().thenApply(body -> StrictJson.flaw(body.toByteArray()));
        }
    }

    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentType().map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE)).orElse(false);
    }

    private static boolean hasBody(HttpRequest<?> request) {
        return request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean mayCarryText(HttpRequest<?> request) {
        return request.getContentType().map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE)
                || type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false);
    }

    /** A JSON body checked against the matched route's body type; a form binds strings only. */
    private static Optional<StorableText.Refusal> misshapen(HttpRequest<?> request, Map<String, Object> body) {
        if (!isJson(request)) {
            return Optional.empty();
        }
        return RouteAttributes.getRouteMatch(request)
                .flatMap(route -> route.getRouteInfo().getFullRequestBodyType())
                .flatMap(type -> JsonShape.mismatch(type, body));
    }

    private static Publisher<MutableHttpResponse<?>> refuse(StorableText.Refusal refusal) {
        return Publishers.just(new BadInputException(refusal.field(), refusal.message()));
    }
}
