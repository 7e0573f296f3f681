package io.documind.org.organization;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

@Serdeable
public record OrganizationResponse(String id, String name, String description, Instant createdAt) {

    static OrganizationResponse of(Organization o) {
        return new OrganizationResponse(o.id().toString(), o.name(), o.description(), o.createdAt());
    }
}
