package io.documind.contracts.events;

/** A user who caused something: the creator of an organization, the inviter of an invitation. */
public record Actor(String userId, String email) {
}
