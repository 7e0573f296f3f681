package io.documind.contracts.events;

/**
 * A user's email, name or verification state changed; the new values, whole.
 */
public record UserUpdated(String userId, String email, String name, boolean emailVerified) implements DomainEvent {

    /** A platform-wide event: it belongs to no organization. */
    @Override
    public String organizationId() {
        return null;
    }
}
