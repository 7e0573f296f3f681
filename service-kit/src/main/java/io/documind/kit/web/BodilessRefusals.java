package io.documind.kit.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;

/**
 * Gives a refusal that a Micronaut filter answered without a body the body the framework's other errors get. Why:
 * errors are RFC 7807 everywhere, but Micronaut's own filters may answer a status alone (its CORS filter's 403 for a
 * page on another origin calling a service reached as localhost), before any route or exception handler that would
 * render one. Rendered by {@link ProblemResponses} (or the service's replacement of it), so a HEAD answer stays empty
 * and a path with another error shape (org-service's token endpoint) keeps it.
 */
@ServerFilter("/**")
public class BodilessRefusals implements Ordered {

    private final ProblemResponses problems;

    public BodilessRefusals(ProblemResponses problems) {
        this.problems = problems;
    }

    @ResponseFilter
    public void explain(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() >= 400 && response.getBody().isEmpty()) {
            problems.processResponse(ErrorContext.builder(request).build(), response);
        }
    }

    /** Outermost, so its response phase runs after every other filter has answered. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
