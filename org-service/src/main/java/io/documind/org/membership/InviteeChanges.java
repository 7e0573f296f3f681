package io.documind.org.membership;

import io.documind.org.authority.AuthorityVersions;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * Whether the organization removed an invitation's invitee, or changed its roles, after the last such change
 * invitation-service had applied when it accepted (InvitationAccepted's {@code inviteeVersion}). invitation-service
 * ends an invitation to a member the organization removes or demotes, but only once it hears of it: an acceptance in
 * that time (milliseconds normally; as long as its consumer is behind) would otherwise bring a member removed a moment
 * before straight back, with the roles once offered.
 */
@Singleton
class InviteeChanges {

    private final AuthorityVersions versions;

    InviteeChanges(AuthorityVersions versions) {
        this.versions = versions;
    }

    /**
     * In the consumer's transaction, with the organization's row locked by the caller, as the Management and app APIs
     * lock it to remove a member or change its roles: one committing meanwhile is either seen here or waits for this
     * acceptance. (A user's deletion and a template edit announce members without that lock; the first leaves no user
     * to join, and the second only raises its holders' versions, behind which this acceptance's own grant would
     * queue.) The newest change announced that the acceptance was not decided on (one above its version), or empty;
     * empty for an event from before the version was sent (null).
     */
    OptionalLong unseenBy(UUID organizationId, String inviteeId, @Nullable Long inviteeVersion) {
        if (inviteeVersion == null) {
            return OptionalLong.empty();
        }
        long announced = versions.announced(inviteeId, organizationId);
        return announced > inviteeVersion ? OptionalLong.of(announced) : OptionalLong.empty();
    }
}
