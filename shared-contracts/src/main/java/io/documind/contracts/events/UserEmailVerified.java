package io.documind.contracts.events;

/**
 * The user proved it receives mail at {@code email} (an emailed code or link, a password reset by code, or an
 * accepted invitation's secret). Consumers may now trust the address, e.g. for email-domain auto-join (JIT).
 */
public record UserEmailVerified(String userId, String email) implements DomainEvent {

    /** A platform-wide event: it belongs to no organization. */
    @Override
    public String organizationId() {
        return null;
    }
}
