package io.documind.invitation.grantor;

import io.documind.invitation.directory.Directory;
import io.documind.invitation.lifecycle.HeldRoles;
import io.documind.invitation.lifecycle.Invitation;
import io.documind.invitation.lifecycle.InvitationEvents;
import io.documind.invitation.lifecycle.InvitationRepository;
import io.documind.invitation.lifecycle.InvitationRow;
import io.documind.invitation.lifecycle.InvitationStatus;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Who vouched for an invitation's roles, and the revocation of what they vouched for once their authority is gone.
 * "Grant only what you hold" is checked when an organization token creates or sends an invitation again, but the
 * grant happens when the invitee accepts, possibly days later. Without this an Admin could invite a private address
 * as Admin, be removed, and come back by accepting. Each call joins the caller's transaction (a consumer's, for the
 * revocations, so the revocation and its InvitationRevoked commit with the event's dedupe).
 */
@Singleton
public class Grantors {

    private static final Logger LOG = LoggerFactory.getLogger(Grantors.class);

    private final GrantorRepository grantors;
    private final InvitationRepository invitations;
    private final InvitationEvents events;
    private final Directory directory;
    private final Clock clock;

    public Grantors(GrantorRepository grantors, InvitationRepository invitations, InvitationEvents events,
                    Directory directory, Clock clock) {
        this.grantors = grantors;
        this.invitations = invitations;
        this.events = events;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * {@code grantorId} (an organization token's subject: a member or an application) vouched for the invitation's
     * roles just now; null when a management token did (the operator, who is not bound by the rule).
     */
    public void vouched(Invitation invitation, @Nullable String grantorId) {
        if (grantorId == null) {
            grantors.forget(invitation.id());
        } else {
            grantors.vouch(invitation.id(), invitation.organizationId(), grantorId);
        }
    }

    /**
     * {@code grantorId} is about to vouch for an invitation's roles with the authority its token was checked for:
     * until the transaction ends, a revocation of what it vouched for waits, and sees the invitation. One that
     * committed first has committed its authority floor too: call {@code CommittedAuthority} after this.
     */
    public void holdWhileVouching(String grantorId) {
        grantors.shareVouching(grantorId);
    }

    /** Whose organization token vouched for the invitation's roles last; empty for a management token's. */
    public Optional<String> grantorOf(UUID invitationId) {
        return grantors.grantorOf(invitationId);
    }

    /** The grantor is gone from the organization (or, {@code organizationId} null, from everywhere). */
    public void revokeAll(String grantorId, @Nullable String organizationId, String why) {
        grantors.stopVouching(grantorId);
        revokeWhere(grantorId, organizationId, invitation -> true, why);
    }

    /**
     * The grantor's roles in the organization changed: revoke what it vouched for there that it no longer covers.
     * What it holds is the event's {@code scopes} and whatever the local template gives its {@code roles}: a
     * template edit's OrganizationTemplateChanged and its holders' MemberRolesChanged travel on different keys, so
     * the template here may still be the old one, and judged by the same template on both sides the invitation's
     * roles are covered exactly when the grantor's roles cover them ({@link HeldRoles}).
     */
    public void revokeUncovered(String grantorId, String organizationId, Collection<String> scopes,
                                Collection<String> roles, boolean member) {
        grantors.stopVouching(grantorId);
        HeldRoles held = HeldRoles.of(scopes, roles, member, directory.templateRoles());
        revokeWhere(grantorId, organizationId, invitation -> !held.cover(invitation),
                "its grantor no longer holds its roles");
    }

    private void revokeWhere(String grantorId, @Nullable String organizationId,
                             Predicate<Invitation> revoke, String why) {
        Instant now = clock.instant();
        for (InvitationRow row : grantors.pendingVouchedBy(grantorId, organizationId, now)) {
            Invitation invitation = row.toInvitation();
            if (invitation.statusAt(now) != InvitationStatus.Pending || !revoke.test(invitation)) {
                continue;
            }
            UUID id = invitation.id();
            events.revoked(invitations.changeStatus(id, InvitationStatus.Revoked, null, now));
            LOG.info("Invitation {} revoked: {}", id, why);
        }
    }
}
