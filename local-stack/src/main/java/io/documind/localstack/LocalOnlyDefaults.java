package io.documind.localstack;

/**
 * LOCAL DEVELOPMENT ONLY. The Management API client the local stack registers (DESIGN §7). These values are
 * public, so they must never become a default anywhere outside the local stack.
 */
final class LocalOnlyDefaults {

    static final String MANAGEMENT_CLIENT_ID = "documind-local";
    static final String MANAGEMENT_CLIENT_SECRET = "documind-local-secret";

    private LocalOnlyDefaults() {
    }
}
