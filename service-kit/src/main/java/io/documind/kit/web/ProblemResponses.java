package io.documind.kit.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Renders every error the framework answers as problem+json ({@link ProblemJsonBodyProvider}), whatever the request
 * accepts. Micronaut's own processor gives a request that prefers text/html (any browser's Accept, or a client that
 * copied one) its HTML error page instead: an unconvertible query value, invalid JSON, an unknown route or a 406 then
 * came back as a web page. Being an {@link ErrorResponseProcessor}, this bean takes that one's place. A service whose
 * contract gives some path another error shape (org-service's token endpoint) replaces it and overrides
 * {@link #render}.
 */
@Singleton
public class ProblemResponses implements ErrorResponseProcessor<Object> {

    private final ProblemJsonBodyProvider problems;

    public ProblemResponses(ProblemJsonBodyProvider problems) {
        this.problems = problems;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Object>) response; // a HEAD answer has no body
        }
        return (MutableHttpResponse<Object>) render(context.getRequest(), problems.body(context, response), response);
    }

    /** The answer to {@code request} carrying {@code problem}: problem+json here. */
    protected MutableHttpResponse<?> render(HttpRequest<?> request, Problem problem, MutableHttpResponse<?> response) {
        return response.body(problem).contentType(problems.contentType());
    }
}
