package io.documind.invitation.directory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.List;

/**
 * A role of the organization template; {@code id} may be null when org-service did not send one. The resource
 * scopes are ids of the API resource scopes the role carries; null only on the way in, from an event that did not
 * say (see Directory#replaceTemplate).
 */
@MappedEntity("role_view")
public record TemplateRole(@Nullable String id, @Id String name,
                           @TypeDef(type = DataType.STRING_ARRAY) List<String> scopes,
                           @Nullable @TypeDef(type = DataType.STRING_ARRAY) List<String> resourceScopes) {
}
