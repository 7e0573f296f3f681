package io.documind.contracts.events;

import java.util.List;

public record MemberRolesChanged(String organizationId, String userId, List<String> roles, List<String> scopes)
        implements DomainEvent {
}
