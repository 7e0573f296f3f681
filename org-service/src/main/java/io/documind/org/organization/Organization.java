package io.documind.org.organization;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** {@code mfaRequired}, not {@code isMfaRequired}: a record component named is... confuses bean introspection. */
@MappedEntity("organization")
public record Organization(@Id UUID id,
                           String name,
                           @Nullable String description,
                           @Nullable String createdBy,
                           Instant createdAt,
                           Instant updatedAt,
                           @TypeDef(type = DataType.JSON) Map<String, Object> customData,
                           @MappedProperty("is_mfa_required") boolean mfaRequired,
                           @Nullable String logoUrl,
                           @Nullable String darkLogoUrl) {
}
