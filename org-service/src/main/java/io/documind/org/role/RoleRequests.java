package io.documind.org.role;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.documind.kit.web.DisplayNames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of /api/roles and the role assignments, Logto-shaped; unknown fields are refused. */
public final class RoleRequests {

    private RoleRequests() {
    }

    /** type defaults to User, as in Logto. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateRole(@NotBlank @Size(max = 128)
                             @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                             @Nullable @Size(max = 256) String description,
                             @Nullable GlobalRole.Type type,
                             @Nullable @Size(max = 100) List<@NotNull @Size(max = 64) String> scopeIds) {
    }

    /** The type cannot change: holders of the other kind would hold a role they may not. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record UpdateRole(@Nullable @Size(min = 1, max = 128)
                             @Pattern(regexp = DisplayNames.PATTERN, message = DisplayNames.MESSAGE) String name,
                             @Nullable @Size(max = 256) String description) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ScopeIds(@NotNull @Size(max = 100) List<@NotNull @Size(max = 64) String> scopeIds) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record RoleIds(@NotNull @Size(max = 100) List<@NotNull @Size(max = 64) String> roleIds) {
    }
}
