package io.documind.kit.observability;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.UUID;
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
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        context.add(new CorrelationContext(id));
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
