package io.documind.contracts.events;

/**
 * A user's email, name or verification state changed; the new values, whole. When the email changed,
 * {@code authorityVersion} is the user's raised subject version: tokens below it carry the old address in
 * {@code email} (and its {@code email_verified}), which invitation acceptance trusts, so every service refuses them.
 * Null when the email stayed.
 */
public record UserUpdated(String userId, String email, String name, boolean emailVerified, Long authorityVersion)
        implements DomainEvent {

    /** A change that kept the email: no authority shrank. */
    public UserUpdated(String userId, String email, String name, boolean emailVerified) {
        this(userId, email, name, emailVerified, null);
    }

    /** A platform-wide event: it belongs to no organization. */
    @Override
    public String organizationId() {
        return null;
    }
}
