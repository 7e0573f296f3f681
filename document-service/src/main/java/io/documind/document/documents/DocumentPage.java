package io.documind.document.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of a list, newest first; {@code nextCursor} is null (and present) on the last page. */
@Serdeable
public record DocumentPage(List<DocumentSummary> items,
                           @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextCursor) {
}
