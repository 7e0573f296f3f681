package io.documind.document.limits;

import io.micronaut.core.annotation.Introspected;

/**
 * An organization's counts summed over its shards: documents stored; created, updated, and characters written (by
 * creations and updates), in this window and the one before.
 */
@Introspected
public record AllowanceUsage(long stored, long created, long createdBefore, long updated, long updatedBefore,
                             long written, long writtenBefore) {
}
