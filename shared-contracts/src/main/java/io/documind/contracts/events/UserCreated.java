package io.documind.contracts.events;

/**
 * A user account was created (sign-up or Management API); carries what other services may copy.
 */
public record UserCreated(String userId, String email, String name, boolean emailVerified) implements DomainEvent {

    /** A platform-wide event: it belongs to no organization. */
    @Override
    public String organizationId() {
        return null;
    }
}
