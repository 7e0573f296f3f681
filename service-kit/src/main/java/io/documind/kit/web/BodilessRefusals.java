package io.documind.kit.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Gives a refusal that a Micronaut filter answered without a body a problem document. Why: errors are RFC 7807
 * everywhere, but Micronaut's own filters may answer a status alone (its CORS filter's 403 for a page on another
 * origin calling a service reached as localhost), before any route or exception handler that would render one.
 */
@ServerFilter("/**")
public class BodilessRefusals implements Ordered {

    @ResponseFilter
    public void explain(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() >= 400 && response.getBody().isEmpty() && request.getMethod() != HttpMethod.HEAD) {
            HttpStatus status = response.getStatus();
            @SuppressWarnings("unchecked") // a bodiless response of any declared type takes the problem as its body
            MutableHttpResponse<Object> answer = (MutableHttpResponse<Object>) response;
            answer.body(new Problem("about:blank", status.getReason(), status.getCode(), null, request.getPath(), null))
                    .contentType(MediaType.of(Problem.CONTENT_TYPE));
        }
    }

    /** Outermost, so its response phase runs after every other filter has answered. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
