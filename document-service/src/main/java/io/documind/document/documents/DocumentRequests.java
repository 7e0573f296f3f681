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

    /**
     * The title rule, for the OpenAPI document: its {@code maxLength} comes from {@code @Size}, the bound on the
     * request's UTF-16 units (a {@code @Schema(maxLength)} beside it is overridden), not the stored title's.
     */
    private static final String TITLE = "1 to " + DocumentRules.MAX_TITLE_LENGTH + " characters once stripped of "
            + "surrounding white space (an emoji counts as one), at least one that shows and none a control character "
            + "or line break; the request may carry at most "
            + DocumentRules.MAX_TITLE_UTF16 + " UTF-16 units";

    private DocumentRequests() {
    }

    /** {@code POST /documents}. The content limit is checked in {@link DocumentRules} (413, not 400). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NewDocument(@NotBlank @Size(max = DocumentRules.MAX_TITLE_UTF16)
                              @Schema(description = TITLE) String title,
                              @NotNull String content) {
    }

    /** {@code PATCH /documents/{id}}: the fields to change; an absent (or null) field stays as it is. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record DocumentChanges(@Nullable @Size(min = 1, max = DocumentRules.MAX_TITLE_UTF16)
                                  @Schema(description = TITLE) String title,
                                 @Nullable String content) {
    }
}
