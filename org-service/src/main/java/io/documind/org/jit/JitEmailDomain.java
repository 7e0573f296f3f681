package io.documind.org.jit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** An email domain whose verified addresses join the organization (lower case, without the {@code @}). */
@MappedEntity("organization_jit_email_domain")
public record JitEmailDomain(@Id UUID id, UUID organizationId, String emailDomain, Instant createdAt) {
}
