package io.documind.invitation.directory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/** A user of the platform as org-service last announced it. */
@MappedEntity("user_view")
public record KnownUser(@Id @MappedProperty("id") String userId, @Nullable String email) {
}
