package io.documind.org.identity;

/** The user a request acts for. */
public record CurrentUser(String userId, String email) {
}
