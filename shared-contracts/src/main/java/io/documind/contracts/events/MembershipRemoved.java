package io.documind.contracts.events;

/**
 * A member left or was removed. Tokens for this (user, organization) whose organization authority version is
 * below {@code authorityVersion} are refused by every service.
 */
public record MembershipRemoved(String organizationId, String userId, long authorityVersion) implements DomainEvent {
}
