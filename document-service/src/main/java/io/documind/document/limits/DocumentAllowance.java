package io.documind.document.limits;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One of an organization's 16 rows of counts (the key is organization and shard; only the repository's own
 * queries use it, which never look a row up by its key alone).
 */
@MappedEntity("document_allowance")
public record DocumentAllowance(@Id String organizationId, short shard, long stored, @Nullable Instant windowStart,
                                int created, int createdBefore) {
}
