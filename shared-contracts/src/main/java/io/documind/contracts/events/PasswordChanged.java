package io.documind.contracts.events;

/**
 * A user's password was changed or reset. Tokens whose subject authority version is below
 * {@code authorityVersion} are refused.
 */
public record PasswordChanged(String userId, long authorityVersion) implements DomainEvent {

    /** A platform-wide event: it belongs to no organization. */
    @Override
    public String organizationId() {
        return null;
    }
}
