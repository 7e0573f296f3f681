package io.documind.org.organization;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Serdeable
public record CreateOrganizationRequest(@NotBlank @Size(max = 128) String name,
                                        @Nullable @Size(max = 2000) String description) {
}
