package io.documind.org.template;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.web.DisplayNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Request and response bodies of the template's Management API; unknown fields are refused. */
public final class TemplateRequests {

    private TemplateRequests() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateScope(@NotBlank @Size(max = 128) String name, @Nullable @Size(max = 256) String description) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UpdateScope(@Nullable @Size(min = 1, max = 128) String name, @Nullable @Size(max = 256) String description) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateRole(@NotBlank @Size(max = 128)
                             @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                             @Nullable @Size(max = 256) String description,
                             @Nullable @Size(max = 100) List<@NotNull UUID> organizationScopeIds) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UpdateRole(@Nullable @Size(min = 1, max = 128)
                             @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                             @Nullable @Size(max = 256) String description) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ScopeIds(@NotNull @Size(max = 100) List<@NotNull UUID> organizationScopeIds) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ResourceScopeIds(@NotNull @Size(max = 100) List<@NotNull @Size(max = 64) String> scopeIds) {
    }

    @Serdeable
    public record Role(String id, String name, @Nullable String description, List<OrganizationScope> scopes) {
        static Role of(TemplateService.RoleView v) {
            return new Role(v.id().toString(), v.name(), v.description(), v.scopes());
        }
    }
}
