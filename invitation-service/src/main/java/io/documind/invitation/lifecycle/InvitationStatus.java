package io.documind.invitation.lifecycle;

/** The lifecycle of an invitation (Logto's names). Everything but Pending is final. */
public enum InvitationStatus {
    Pending, Accepted, Expired, Revoked;

    public boolean isFinal() {
        return this != Pending;
    }
}
