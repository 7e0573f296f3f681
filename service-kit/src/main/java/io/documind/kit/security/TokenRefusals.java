package io.documind.kit.security;

import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * Why a presented token gave no authentication, kept on the request. micronaut-security's pipeline only knows
 * "authenticated or not"; RFC 6750 wants the 401 to say why ({@code error_description}) and a 503 when the
 * issuer's keys cannot be had, so the steps that refuse record their reason here for {@link AuthorizedRule}.
 */
final class TokenRefusals {

    private static final String REFUSAL = "documind.token-refusal";
    private static final String PRESENTED = "documind.token-presented";

    private TokenRefusals() {
    }

    /** A bearer token was sent (whatever becomes of it). */
    static void presented(HttpRequest<?> request) {
        request.setAttribute(PRESENTED, Boolean.TRUE);
    }

    static boolean wasPresented(HttpRequest<?> request) {
        return request.getAttribute(PRESENTED).isPresent();
    }

    /** An {@link InvalidTokenException} (401) or a {@link TokenCheckUnavailableException} (503). */
    static void record(HttpRequest<?> request, RuntimeException refusal) {
        request.setAttribute(REFUSAL, refusal);
    }

    static Optional<RuntimeException> recorded(HttpRequest<?> request) {
        return request.getAttribute(REFUSAL, RuntimeException.class);
    }
}
