package io.documind.contracts.events;

/**
 * A machine-to-machine application was deleted. Its tokens below {@code authorityVersion} are refused.
 */
public record ApplicationDeleted(String applicationId, long authorityVersion) implements DomainEvent {

    /** A platform-wide event: it belongs to no organization. */
    @Override
    public String organizationId() {
        return null;
    }
}
