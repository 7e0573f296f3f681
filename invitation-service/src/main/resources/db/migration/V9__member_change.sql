-- The newest change of each (organization, user) membership this service has applied: the authority version of the
-- MembershipRemoved or MemberRolesChanged that announced it, written with the event's other effects (an invitation
-- to that member ended, or not). An acceptance names it (InvitationAccepted.inviteeVersion), and org-service refuses
-- one made before a change it had already announced. Kept after the member leaves (that is when it matters);
-- forgotten with the organization.
CREATE TABLE member_change (
    organization_id TEXT   NOT NULL,
    user_id         TEXT   NOT NULL,
    version         BIGINT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

-- A refusal by org-service has two causes: the grantor no longer holds the roles (InvitationGrantRefused, with its
-- grantor), or the organization changed the invitee's membership before this service heard of it
-- (InvitationAcceptanceRefused, no grantor). The accept's 422 says which.
ALTER TABLE refused_grant ALTER COLUMN grantor_id DROP NOT NULL;
ALTER TABLE refused_grant ADD COLUMN cause TEXT NOT NULL DEFAULT 'grantor' CHECK (cause IN ('grantor', 'invitee'));
