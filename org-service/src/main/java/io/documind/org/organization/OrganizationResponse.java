package io.documind.org.organization;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

@Serdeable
public record OrganizationResponse(String id, String name, @Nullable String description, Instant createdAt,
                                   Instant updatedAt) {

    public static OrganizationResponse of(Organization o) {
        return new OrganizationResponse(o.id().toString(), o.name(), o.description(), o.createdAt(), o.updatedAt());
    }
}
