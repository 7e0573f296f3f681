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
        Optional<StorableText.Refusal> refusal = inPath(request).or(() -> undecodable(request.getUri().getRawQuery()))
                .or(() -> inParameters(request));
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

    /**
     * The first query parameter whose %-escapes are not UTF-8 ({@code q=%ff}): decoding turns them into U+FFFD, so
     * the route saw other text than was sent (a search for "%ff" answered 200 with nothing found). A malformed escape
     * ({@code %zz}) is left to the framework, as in paths.
     */
    private static Optional<StorableText.Refusal> undecodable(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!decodesAsUtf8(pair)) {
                String field = decodesAsUtf8(name) ? URLDecoder.decode(name, StandardCharsets.UTF_8) : "query";
                return Optional.of(new StorableText.Refusal(field, "must be UTF-8 once its %-escapes are decoded"));
            }
        }
        return Optional.empty();
    }

    private static boolean decodesAsUtf8(String escaped) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            int high = c == '%' && i + 2 < escaped.length() ? Character.digit(escaped.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(escaped.charAt(i + 2), 16);
            if (low < 0 && c == '%') {
                return true; // a malformed escape: the framework's to answer
            }
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static Optional<StorableText.Refusal> inParameters(HttpRequest<?> request) {
        for (Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet()) {
            String name = parameter.getKey();
            if (parameter.getValue().size() > 1) {
                // No route takes a list: a second value was joined to the first ("q=a&q=b" searched for "a,b").
                return Optional.of(new StorableText.Refusal(name, "is given more than once"));
            }
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
