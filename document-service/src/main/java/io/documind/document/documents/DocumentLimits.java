package io.documind.document.documents;

import io.micronaut.serde.annotation.Serdeable;

/** The documented limits, served by {@code GET /documents/limits} so clients need not guess them. */
@Serdeable
public record DocumentLimits(int maxTitleLength, int maxContentBytes, int defaultPageSize, int maxPageSize,
                             int maxQueryLength) {

    static final DocumentLimits CURRENT = new DocumentLimits(DocumentRules.MAX_TITLE_LENGTH,
            DocumentRules.MAX_CONTENT_BYTES, DocumentService.DEFAULT_LIMIT, DocumentService.MAX_LIMIT,
            DocumentService.MAX_QUERY_LENGTH);
}
