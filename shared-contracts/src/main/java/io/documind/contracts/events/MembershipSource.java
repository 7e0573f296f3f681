package io.documind.contracts.events;

/** How a membership came to be. */
public enum MembershipSource {
    CREATOR, INVITATION, MANAGEMENT_API
}
