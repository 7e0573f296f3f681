package io.documind.org.token;

import io.documind.kit.web.Problem;
import io.documind.kit.web.ProblemJsonBodyProvider;
import io.documind.kit.web.ProblemResponses;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * The errors the framework answers on the token endpoints (a method other than POST, a request too large for the
 * server, a malformed Content-Length) in RFC 6749's shape, as the endpoints' own errors are (DESIGN §4): an OAuth
 * client reads {@code error}, not a problem document. They keep their status; the error is invalid_request (a
 * server's failure: server_error, or temporarily_unavailable for a 503). Every other path keeps problem+json.
 */
@Singleton
@Replaces(ProblemResponses.class)
public class TokenEndpointErrors extends ProblemResponses {

    public TokenEndpointErrors(ProblemJsonBodyProvider problems) {
        super(problems);
    }

    @Override
    protected MutableHttpResponse<?> render(HttpRequest<?> request, Problem problem, MutableHttpResponse<?> response) {
        if (!TokenController.isTokenEndpoint(request.getPath())) {
            return super.render(request, problem, response);
        }
        String error = switch (problem.status()) {
            case 503 -> "temporarily_unavailable";
            default -> problem.status() >= 500 ? "server_error" : "invalid_request";
        };
        return response.body(new TokenController.OAuthError(error, problem.detail()))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
