package io.documind.contracts.events;

/** How a membership came to be. */
public enum MembershipSource {
    CREATOR, INVITATION, MANAGEMENT_API,
    /** Auto-join: the user verified an email address at one of the organization's JIT email domains. */
    JIT
}
