package io.documind.invitation.management;

import io.documind.contracts.EmailAddress;
import io.documind.contracts.events.Actor;
import io.documind.invitation.directory.Directory;
import io.documind.invitation.directory.KnownOrganization;
import io.documind.invitation.directory.TemplateRole;
import io.documind.invitation.grantor.Grantors;
import io.documind.invitation.lifecycle.GrantedRoles;
import io.documind.invitation.lifecycle.Invitation;
import io.documind.invitation.lifecycle.InvitationEvents;
import io.documind.invitation.lifecycle.InvitationLinks;
import io.documind.invitation.lifecycle.InvitationRepository;
import io.documind.invitation.lifecycle.InvitationRole;
import io.documind.invitation.lifecycle.InvitationRules;
import io.documind.invitation.lifecycle.InvitationStatus;
import io.documind.invitation.lifecycle.LinkSecrets;
import io.documind.invitation.limits.InvitationLimits;
import io.documind.kit.authority.CommittedAuthority;
import io.documind.kit.grants.GrantRule;
import io.documind.kit.web.PageRequest;
import io.documind.kit.web.ProblemException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The Logto-shaped invitation API: create, list, read, delete, send again, change status. */
@Singleton
public class OrganizationInvitationService {

    private final InvitationRepository invitations;
    private final Directory directory;
    private final InvitationRules rules;
    private final InvitationEvents events;
    private final InvitationLinks links;
    private final InvitationLimits limits;
    private final Grantors grantors;
    private final CommittedAuthority authority;
    private final Clock clock;

    public OrganizationInvitationService(InvitationRepository invitations, Directory directory, InvitationRules rules,
                                         InvitationEvents events, InvitationLinks links, InvitationLimits limits,
                                         Grantors grantors, CommittedAuthority authority, Clock clock) {
        this.invitations = invitations;
        this.directory = directory;
        this.rules = rules;
        this.events = events;
        this.links = links;
        this.limits = limits;
        this.grantors = grantors;
        this.authority = authority;
        this.clock = clock;
    }

    /**
     * Creates a Pending invitation with InvitationCreated and, unless asked not to, InvitationMessageRequested
     * carrying the link with a fresh secret; all in one transaction, so a refusal changes nothing.
     */
    @Transactional
    public Invitation create(Caller caller, CreateInvitationRequest request) {
        Instant now = clock.instant();
        String organizationId = caller.organization(request.organizationId(), true);
        boolean sendMessage = request.sendsMessage();
        Instant expiresAt = rules.expiry(request.requestedExpiry(), now);
        KnownOrganization organization = directory.organizationHeldAgainstDeletion(organizationId)
                .filter(o -> !o.deleted())
                .orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                        "No organization " + organizationId, Caller.FIELD_ORGANIZATION_ID));
        // After the organization's row (as OrganizationDeleted's handler locks them), before the invitation.
        holdWhileVouching(caller);
        Actor inviter = inviter(caller, organizationId, request.inviterId());
        List<TemplateRole> template = directory.templateRoles();
        List<InvitationRole> roles = rules.resolveRoles(request.organizationRoleNames(), request.organizationRoleIds(),
                template);
        requireMayGrant(caller, organizationId, roles, template, request.organizationRoleNames() != null
                ? InvitationRules.FIELD_ROLE_NAMES : InvitationRules.FIELD_ROLE_IDS);
        String invitee = EmailAddress.storedForm(request.invitee()); // one spelling per mailbox
        invitations.holdInvitationsTo(organizationId, invitee); // a member's removal looks for it after this commits
        if (directory.isMemberByEmail(organizationId, invitee)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The invitee is already a member of the organization", "invitee");
        }
        // An overdue invitation reads as Expired but may still hold the one pending place: settle it first, holding
        // the organization's admissions before its row, as a resend does (the other way round the two deadlocked).
        limits.holdAdmissions(organizationId);
        invitations.expireDueOf(organizationId, invitee, now).forEach(events::expired);
        limits.admit(organizationId, sendMessage, now);

        LinkSecrets.Minted secret = LinkSecrets.mint();
        Invitation invitation = invitations.insertPending(UUID.randomUUID(), organizationId, invitee,
                        inviter == null ? null : inviter.userId(), inviter == null ? null : inviter.email(), roles,
                        secret.hash(), expiresAt, sendMessage ? now : null, now)
                .orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT,
                        "The invitee already has a pending invitation to this organization", "invitee"));
        grantors.vouched(invitation, grantor(caller));
        events.created(invitation);
        if (sendMessage) {
            events.messageRequested(invitation, organization.name(), links.link(invitation.id(), secret.token()));
        }
        return invitation;
    }

    /**
     * Grant only what you hold, against the template's scopes and resource scopes now: a role gone from the template
     * grants nothing on acceptance, so it has none. The API resource scopes the caller holds are those its own roles
     * carry in the member view: none for an application (its roles there are not known here), so an application may
     * not grant a role that carries any.
     */
    private void requireMayGrant(Caller caller, String organizationId, List<InvitationRole> roles,
                                 List<TemplateRole> template, String field) {
        List<GrantRule.Role> granted = GrantedRoles.of(roles, template);
        caller.requireMayGrant(granted, () -> directory.resourceScopesHeldBy(organizationId, caller.subject()), field);
    }

    private void requireMayWithdraw(Caller caller, Invitation invitation) {
        caller.requireMayWithdraw(invitation, () -> GrantedRoles.of(invitation.roles(), directory.templateRoles()),
                () -> directory.resourceScopesHeldBy(invitation.organizationId(), caller.subject()));
    }

    /**
     * An organization token about to vouch: its grantor is held against revocation ({@link Grantors#holdWhileVouching})
     * and its authority checked again. The request's token check ran before the wait for that hold; a removal or
     * demotion that committed meanwhile has committed its floor, and its revocation scan did not see this invitation.
     */
    private void holdWhileVouching(Caller caller) {
        if (!caller.isManagement()) {
            grantors.holdWhileVouching(caller.subject());
            authority.require(caller.subject(), caller.organizationId(), caller.authorityVersion(),
                    caller.organizationAuthorityVersion());
        }
    }

    /** Whose authority vouched for the roles just now: the organization token's subject; none for a management token. */
    private static String grantor(Caller caller) {
        return caller.isManagement() ? null : caller.subject();
    }

    /** The inviter is the member behind an organization token, or whom a management call names (or nobody). */
    private Actor inviter(Caller caller, String organizationId, String named) {
        if (caller.isManagement()) {
            if (named == null) {
                return null;
            }
            return directory.member(organizationId, named).map(m -> new Actor(m.userId(), m.email()))
                    .orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                            "The inviter is not a member of the organization", "inviterId"));
        }
        if (named != null && !named.equals(caller.subject())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "With an organization token the inviter is its user",
                    "inviterId");
        }
        String email = directory.emailOf(organizationId, caller.subject()).orElse(null);
        return new Actor(caller.subject(), email);
    }

    @Transactional
    public InvitationPage list(Caller caller, InvitationQuery query) {
        Instant now = clock.instant();
        String organizationId = caller.organization(query.organizationId(), false);
        InvitationStatus status = parseStatus(query.status());
        PageRequest page = PageRequest.of(query.page(), query.pageSize());
        String invitee = query.invitee() == null ? null : EmailAddress.storedForm(query.invitee());
        var filter = new InvitationRepository.Filter(organizationId, invitee, query.inviterId(), status, now);
        List<InvitationResponse> items = invitations.list(filter, page.offset(), page.pageSize()).stream()
                .map(i -> InvitationResponse.of(i, now)).toList();
        return new InvitationPage(items, invitations.count(filter));
    }

    private static InvitationStatus parseStatus(String status) {
        if (status == null) {
            return null;
        }
        try {
            return InvitationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "status must be Pending, Accepted, Expired or Revoked");
        }
    }

    @Transactional
    public InvitationResponse get(Caller caller, UUID id) {
        return InvitationResponse.of(visible(caller, id, false), clock.instant());
    }

    /**
     * Deletes it (Logto); a pending one is revoked first, and an overdue one the sweep has not reached yet expired,
     * so whoever follows the events knows how it ended (notification-service cancels its mail still waiting).
     */
    @Transactional
    public void delete(Caller caller, UUID id) {
        Invitation invitation = visible(caller, id, true);
        caller.requireMayActOn(invitation);
        requireMayWithdraw(caller, invitation);
        InvitationStatus status = invitation.statusAt(clock.instant());
        if (status == InvitationStatus.Pending) {
            events.revoked(invitation);
        } else if (status != invitation.status()) {
            events.expired(invitation);
        }
        invitations.delete(id);
    }

    /** Sends the email again, with a new secret: only hashes are kept, and the old link stops working. */
    @Transactional
    public void resend(Caller caller, UUID id) {
        Instant now = clock.instant();
        holdWhileVouching(caller); // before the invitation's lock: the revocations take them in this order
        // The organization's admissions, too, before the invitation's row, in create's order: a create holds them
        // while its insert waits on a revocation's row, and that revocation may wait on this invitation's row.
        limits.holdAdmissions(visible(caller, id, false).organizationId());
        Invitation invitation = visible(caller, id, true);
        caller.requireMayActOn(invitation);
        // The roles are granted again, in effect: a new link to them.
        requireMayGrant(caller, invitation.organizationId(), invitation.roles(), directory.templateRoles(),
                InvitationRules.FIELD_ROLE_NAMES);
        rules.requireChangeable(invitation, now);
        Duration wait = rules.resendWait(invitation.messageSentAt(), now);
        if (!wait.isZero()) {
            throw ProblemException.tooManyRequests("The invitation was sent moments ago; send it again later", wait);
        }
        limits.admit(invitation.organizationId(), true, now);
        LinkSecrets.Minted secret = LinkSecrets.mint();
        Invitation renewed = invitations.renewSecret(id, secret.hash(), now);
        grantors.vouched(renewed, grantor(caller));
        events.messageRequested(renewed, directory.organizationName(renewed.organizationId()),
                links.link(id, secret.token()));
    }

    /** Revokes (any caller) or accepts on someone's behalf (management only, as Logto). Final stays final. */
    @Transactional
    public InvitationResponse changeStatus(Caller caller, UUID id, StatusChangeRequest request) {
        InvitationStatus target = request.target();
        if (target == InvitationStatus.Accepted && !caller.isManagement()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Only a management token may accept for someone");
        }
        Instant now = clock.instant();
        Invitation invitation = visible(caller, id, true);
        caller.requireMayActOn(invitation);
        rules.requireChangeable(invitation, now);
        Invitation changed;
        if (target == InvitationStatus.Accepted) {
            requireInviteeAccount(invitation, request.acceptedUserId());
            changed = invitations.changeStatus(id, InvitationStatus.Accepted, request.acceptedUserId(), now);
            events.accepted(changed, false, null); // the operator grants: no member's authority to check
        } else {
            requireMayWithdraw(caller, invitation);
            changed = invitations.changeStatus(id, InvitationStatus.Revoked, null, now);
            events.revoked(changed);
        }
        return InvitationResponse.of(changed, now);
    }

    /** Accepting for someone names an existing user whose email is the invitee's, as accepting oneself needs. */
    private void requireInviteeAccount(Invitation invitation, String userId) {
        boolean isInvitee = directory.user(userId)
                .filter(u -> invitations.sameMailbox(u.email(), invitation.invitee())).isPresent();
        if (!isInvitee) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "acceptedUserId must be an existing user whose email is the invitee's", "acceptedUserId");
        }
    }

    private Invitation visible(Caller caller, UUID id, boolean lock) {
        return (lock ? invitations.findForUpdate(id) : invitations.find(id))
                .filter(caller::sees)
                .orElseThrow(() -> ProblemException.notFound("Invitation"));
    }
}
