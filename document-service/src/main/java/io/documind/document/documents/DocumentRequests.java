package io.documind.document.documents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Request bodies; unknown fields are refused (400) rather than silently dropped. The constraints describe the API
 * (they appear in the OpenAPI document); {@link DocumentRules} enforces them.
 */
public final class DocumentRequests {

    private DocumentRequests() {
    }

    /** {@code POST /documents}. The content limit is checked in {@link DocumentRules} (413, not 400). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NewDocument(@NotBlank @Size(max = DocumentRules.MAX_TITLE_UTF16)
                              @Schema(maxLength = DocumentRules.MAX_TITLE_LENGTH) String title,
                              @NotNull String content) {
    }

    /** {@code PATCH /documents/{id}}: the fields to change; an absent (or null) field stays as it is. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record DocumentChanges(@Nullable @Size(min = 1, max = DocumentRules.MAX_TITLE_UTF16)
                                  @Schema(maxLength = DocumentRules.MAX_TITLE_LENGTH) String title,
                                 @Nullable String content) {
    }
}
