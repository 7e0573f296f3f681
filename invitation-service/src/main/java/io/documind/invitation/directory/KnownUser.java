package io.documind.invitation.directory;

/** A user of the platform as org-service last announced it. */
public record KnownUser(String userId, String email) {
}
