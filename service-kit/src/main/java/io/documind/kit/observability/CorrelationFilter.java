package io.documind.kit.observability;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id (the caller's {@code X-Correlation-Id} when it is sane, else a new one),
 * puts it in the logging MDC for the whole request, echoes it in the response, and — because the outbox
 * copies it into each event's {@code correlationid} — lets one id follow a request through every consumer.
 */
@ServerFilter("/**")
public class CorrelationFilter implements Ordered {

    public static final String HEADER = "X-Correlation-Id";
    private static final String ATTRIBUTE = "documind.correlation-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @RequestFilter
    public void correlate(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : newId();
        request.setAttribute(ATTRIBUTE, id);
        context.add(new CorrelationContext(id));
    }

    /**
     * A random version-4 UUID from {@link ThreadLocalRandom}: an id must be unique, not secret, and
     * {@code UUID.randomUUID()}'s {@code SecureRandom} (a lock around the kernel's generator) was ~1.5% of
     * document-service's CPU samples under load (JFR, issue 15), on every request that came without an id.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }

    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, String.class).ifPresent(id -> response.header(HEADER, id));
    }

    /** Before the access filter, so refused requests carry an id too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
