package io.documind.org.organization;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.documind.kit.web.DisplayNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Request bodies of the organization APIs; unknown fields are refused. {@code customData}, {@code isMfaRequired}
 * and {@code branding} are Logto's: customData is any JSON object up to
 * {@code documind.organization.custom-data-max-bytes}, branding holds absolute http(s) logo URLs.
 */
public final class OrganizationRequests {

    private OrganizationRequests() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Create(@NotBlank @Size(max = 128)
                         @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                         @Nullable @Size(max = 2000) String description,
                         @Nullable Map<String, Object> customData,
                         @Nullable @JsonProperty("isMfaRequired") Boolean isMfaRequired,
                         @Nullable @Valid Branding branding) {
    }

    /**
     * A PATCH: absent fields stay as they are; a present name must not be blank. A present customData or branding
     * replaces the whole object, as in Logto.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Update(@Nullable @Size(min = 1, max = 128)
                         @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                         @Nullable @Size(max = 2000) String description,
                         @Nullable Map<String, Object> customData,
                         @Nullable @JsonProperty("isMfaRequired") Boolean isMfaRequired,
                         @Nullable @Valid Branding branding) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Branding(@Nullable @Size(max = 2048) String logoUrl, @Nullable @Size(max = 2048) String darkLogoUrl) {
    }
}
