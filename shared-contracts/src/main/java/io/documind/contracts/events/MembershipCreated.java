package io.documind.contracts.events;

import java.util.List;

public record MembershipCreated(String organizationId, String userId, String email, List<String> roles,
                                MembershipSource source) implements DomainEvent {
}
