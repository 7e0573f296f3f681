-- Abuse limits (issue 16 part 5, OWASP API4): how much invitation mail an organization may ask for.

-- Each invitation message an organization asked for (a creation, with or without an email, and each send-again),
-- kept while it may still count against a limit; older rows go as the organization sends new ones.
CREATE TABLE invitation_message (
    id              UUID        PRIMARY KEY,
    organization_id TEXT        NOT NULL,
    sent_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX invitation_message_by_organization ON invitation_message (organization_id, sent_at);

-- Invitation emails asked of notification-service (event_id: the InvitationMessageRequested, which EmailSent and
-- EmailFailed name as triggeringEventId) and not yet answered: the organization's mail backlog. One per
-- invitation: sending again makes notification-service cancel the older email still waiting, and revoking,
-- expiring or accepting makes the email moot (cancelled, or no longer a reason to refuse more).
CREATE TABLE invitation_mail_waiting (
    invitation_id   UUID        PRIMARY KEY REFERENCES invitation (id) ON DELETE CASCADE,
    organization_id TEXT        NOT NULL,
    event_id        UUID        NOT NULL UNIQUE,
    requested_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX invitation_mail_waiting_by_organization ON invitation_mail_waiting (organization_id);

-- When each organization was created (OrganizationCreated's time): its first day has a smaller allowance, so
-- a fresh organization is no fresh budget. Organizations created before this table have no row: established.
CREATE TABLE organization_birth (
    organization_id TEXT        PRIMARY KEY,
    created_at      TIMESTAMPTZ NOT NULL
);
