package io.documind.invitation.directory;

/** An organization as org-service's events described it; {@code deleted} is a tombstone. */
public record KnownOrganization(String id, String name, boolean deleted) {
}
