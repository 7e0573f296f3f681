package io.documind.org.resource;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.web.DisplayNames;
import io.documind.org.RequestRules;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Request and response bodies of /api/resources, Logto-shaped; unknown fields are refused. */
public final class ResourceRequests {

    /** The longest accessTokenTtl a resource may have (seconds; Logto's bound). */
    public static final int MAX_ACCESS_TOKEN_TTL = 86400;

    private ResourceRequests() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateResource(@NotBlank @Size(max = 128)
                                 @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                                 @NotBlank @Size(max = 256) String indicator,
                                 @Nullable @Min(60) @Max(MAX_ACCESS_TOKEN_TTL) Integer accessTokenTtl) {
    }

    /** The indicator cannot change: tokens already issued name it as their audience. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UpdateResource(@Nullable @Size(min = 1, max = 128)
                                 @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                                 @Nullable @Min(60) @Max(MAX_ACCESS_TOKEN_TTL) Integer accessTokenTtl) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateScope(@NotBlank @Pattern(regexp = RequestRules.SCOPE_NAME, message = RequestRules.SCOPE_NAME_MESSAGE) String name,
                              @Nullable @Size(max = 256) String description) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UpdateScope(@Nullable @Pattern(regexp = RequestRules.SCOPE_NAME, message = RequestRules.SCOPE_NAME_MESSAGE) String name,
                              @Nullable @Size(max = 256) String description) {
    }

    @Serdeable
    public record Resource(String id, String name, String indicator, int accessTokenTtl, boolean isDefault,
                           Instant createdAt) {
        static Resource of(ApiResource r) {
            return new Resource(r.id(), r.name(), r.indicator(), r.accessTokenTtl(), false, r.createdAt());
        }
    }
}
