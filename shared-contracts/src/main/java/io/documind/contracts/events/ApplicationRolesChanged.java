package io.documind.contracts.events;

import java.util.List;

/**
 * An application's organization roles in one organization were replaced (or their scopes changed). Its tokens for
 * that organization below {@code authorityVersion} are refused by every service.
 */
public record ApplicationRolesChanged(String organizationId, String applicationId, List<String> roles,
                                      List<String> scopes, long authorityVersion) implements DomainEvent {
}
