package io.documind.org.identity;

import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;

/**
 * TEMPORARY stand-in for the signed-in user until org-service issues real tokens (the org-service issue
 * removes it): the caller names itself with {@code X-Stand-In-User-Id} and {@code X-Stand-In-User-Email}.
 */
public final class StandInIdentity {

    public static final String USER_ID = "X-Stand-In-User-Id";
    public static final String EMAIL = "X-Stand-In-User-Email";

    private StandInIdentity() {
    }

    public static CurrentUser of(HttpRequest<?> request) {
        String userId = request.getHeaders().get(USER_ID);
        if (userId == null || userId.isBlank() || userId.length() > 64) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Sign in first (" + USER_ID + " header, temporary)");
        }
        return new CurrentUser(userId, request.getHeaders().get(EMAIL));
    }
}
