package io.documind.org.application;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * An application's belonging to an organization, as a membership is a user's (its roles live in
 * organization_application_role); see {@link OrganizationApplicationRepository}.
 */
@MappedEntity("organization_application")
public record ApplicationMembership(@EmbeddedId Key key, Instant createdAt) {

    @Embeddable
    public record Key(UUID organizationId, String applicationId) {
    }
}
