package io.documind.invitation.directory;

/** A member of an organization as MembershipCreated described it; the email may be unknown (null). */
public record KnownMember(String userId, String email) {
}
