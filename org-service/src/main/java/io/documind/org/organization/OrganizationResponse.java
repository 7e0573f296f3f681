package io.documind.org.organization;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.documind.contracts.events.OrganizationBranding;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/** An organization as both APIs show it (Logto's fields included; branding's URLs may be null). */
@Serdeable
public record OrganizationResponse(String id, String name, @Nullable String description,
                                   Map<String, Object> customData,
                                   @JsonProperty("isMfaRequired") boolean isMfaRequired,
                                   OrganizationBranding branding, Instant createdAt, Instant updatedAt) {

    public static OrganizationResponse of(Organization o) {
        return new OrganizationResponse(o.id().toString(), o.name(), o.description(), o.customData(),
                o.mfaRequired(), new OrganizationBranding(o.logoUrl(), o.darkLogoUrl()), o.createdAt(),
                o.updatedAt());
    }
}
