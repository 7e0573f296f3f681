package io.documind.org.limits;

import io.micronaut.http.HttpRequest;

/**
 * The address limits count a caller by: the TCP peer's, never a header a caller could forge. Behind a proxy every
 * caller shares the proxy's, so per-address limits then bound the proxy's traffic as a whole.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
