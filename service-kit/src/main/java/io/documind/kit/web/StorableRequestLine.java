package io.documind.kit.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses, with a {@link BadInputException} (a 400 problem naming the field), any request whose path or query
 * parameters carry text {@link StorableText} says cannot be stored; {@link StorableTextFilter} does the same for
 * bodies.
 *
 * <p>A synchronous filter method, apart from the body's filter, because every request passes it and most carry no
 * body: a classic reactive filter cost every GET its own reactor operators (JFR on {@code ./dev bench documents},
 * issue 15), while this runs in line on the thread the request is on. The refusal is thrown, so exception handling
 * answers it, as it answers the body filter's.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class StorableRequestLine implements Ordered {

    @RequestFilter
    public void check(HttpRequest<?> request) {
        Optional<StorableText.Refusal> refusal = inPath(request).or(() -> inParameters(request));
        if (refusal.isPresent()) {
            throw new BadInputException(refusal.get().field(), refusal.get().message());
        }
    }

    /** After access control: a caller without a valid token learns that first. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    private static Optional<StorableText.Refusal> inPath(HttpRequest<?> request) {
        String raw = request.getUri().getRawPath();
        String decoded;
        try {
            decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not ours to judge: routing answers a malformed path
        }
        return StorableText.problem(decoded).map(message -> new StorableText.Refusal("path", message));
    }

    private static Optional<StorableText.Refusal> inParameters(HttpRequest<?> request) {
        for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
            String name = parameter.getKey();
            Optional<String> problem = StorableText.problem(name).map(message -> "the name " + message);
            for (String value : parameter.getValue()) {
                problem = problem.or(() -> StorableText.problem(value));
            }
            if (problem.isPresent()) {
                return Optional.of(new StorableText.Refusal(name, problem.get()));
            }
        }
        return Optional.empty();
    }
}
