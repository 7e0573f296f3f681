package io.documind.contracts.events;

public record MembershipRemoved(String organizationId, String userId) implements DomainEvent {
}
