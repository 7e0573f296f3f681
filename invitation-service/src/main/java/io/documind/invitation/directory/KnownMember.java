package io.documind.invitation.directory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A member of an organization as MembershipCreated described it; the email may be unknown (null). The table's
 * key is (organization_id, user_id); every statement names both.
 */
@MappedEntity("member_view")
public record KnownMember(String organizationId, @Id String userId, @Nullable String email) {
}
