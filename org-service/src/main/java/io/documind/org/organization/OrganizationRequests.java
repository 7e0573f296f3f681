package io.documind.org.organization;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.org.RequestRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the organization APIs; unknown fields are refused. */
public final class OrganizationRequests {

    private OrganizationRequests() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Create(@NotBlank @Size(max = 128) String name, @Nullable @Size(max = 2000) String description) {
    }

    /** A PATCH: absent fields stay as they are; a present name must not be blank. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Update(@Nullable @Size(min = 1, max = 128)
                         @Pattern(regexp = RequestRules.NOT_BLANK, message = RequestRules.NOT_BLANK_MESSAGE) String name,
                         @Nullable @Size(max = 2000) String description) {
    }
}
