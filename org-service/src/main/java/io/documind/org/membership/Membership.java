package io.documind.org.membership;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A user's membership of an organization (its roles live in membership_role); see {@link MembershipRepository}. */
@MappedEntity("membership")
public record Membership(@EmbeddedId Key key, @Nullable String email, Instant createdAt) {

    @Embeddable
    public record Key(UUID organizationId, String userId) {
    }
}
