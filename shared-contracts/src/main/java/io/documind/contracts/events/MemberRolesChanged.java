package io.documind.contracts.events;

import java.util.List;

/**
 * A member's organization roles were replaced. Tokens for this (user, organization) whose organization authority
 * version is below {@code authorityVersion} are refused by every service.
 */
public record MemberRolesChanged(String organizationId, String userId, List<String> roles, List<String> scopes,
                                 long authorityVersion) implements DomainEvent {
}
