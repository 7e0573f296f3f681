-- notification-service owns email templates and the delivery log of every email it sends (DESIGN §5).

-- One template per usage type; seeded with the defaults, editable through /api/email-templates.
CREATE TABLE email_template (
    usage_type   TEXT PRIMARY KEY,
    subject      TEXT        NOT NULL,
    content      TEXT        NOT NULL,
    content_type TEXT        NOT NULL CHECK (content_type IN ('text/html', 'text/plain')),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO email_template (usage_type, subject, content, content_type) VALUES
('OrganizationInvitation',
 'You are invited to join {{organizationName}} on DocuMind',
 '<p>Hello,</p>
<p>{{inviterName}} invited you to join <strong>{{organizationName}}</strong> on DocuMind as {{roles}}.</p>
<p><a href="{{link}}">Accept the invitation</a></p>
<p>The invitation expires on {{expiresAt}}. If you did not expect it, you can ignore this email.</p>',
 'text/html'),
('OrganizationWelcome',
 'Welcome to {{organizationName}}',
 '<p>Hello,</p>
<p>Your organization <strong>{{organizationName}}</strong> is ready and you are its administrator.</p>
<p>Invite your team and start sharing documents.</p>',
 'text/html'),
('InvitationAccepted',
 '{{invitee}} joined {{organizationName}}',
 '<p>Hello,</p>
<p>{{invitee}} accepted your invitation and joined <strong>{{organizationName}}</strong> as {{roles}}.</p>',
 'text/html');

-- What this service knows about organizations: their names, for emails whose event does not carry one.
CREATE TABLE organization_directory (
    organization_id TEXT PRIMARY KEY,
    name            TEXT        NOT NULL,
    deleted         BOOLEAN     NOT NULL DEFAULT false,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The delivery log. A row is written in the consumer's transaction before anything is sent, keyed by the
-- triggering event, so a redelivered event finds its row and sends nothing new. The delivery worker claims
-- due rows (a lease, so a crashed instance's claim expires), sends, and records the outcome.
CREATE TABLE notification (
    id                  UUID PRIMARY KEY,
    triggering_event_id UUID        NOT NULL,
    usage_type          TEXT        NOT NULL,
    organization_id     TEXT,
    invitation_id       TEXT,
    recipient           TEXT        NOT NULL,
    subject             TEXT        NOT NULL,
    -- The invitation link with its query values redacted: the secret itself is never stored in clear.
    link                TEXT,
    status              TEXT        NOT NULL CHECK (status IN ('Pending', 'Sent', 'Failed', 'Cancelled')),
    -- The rendered message, sealed (AES-GCM) because an invitation carries its secret; erased once final.
    sealed_body         BYTEA,
    sealing_key_id      TEXT,
    attempts            INT         NOT NULL DEFAULT 0,
    -- When a rate-limited email was first allowed out (its slot in the limits' windows); null when not limited.
    rate_slot           TIMESTAMPTZ,
    next_attempt_at     TIMESTAMPTZ NOT NULL,
    claim_token         UUID,
    claim_expires_at    TIMESTAMPTZ,
    last_error          TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at             TIMESTAMPTZ,
    CONSTRAINT notification_once_per_event UNIQUE (triggering_event_id, usage_type),
    CONSTRAINT notification_final_is_erased CHECK (status = 'Pending' OR sealed_body IS NULL)
);

-- The worker's scan: due pending mail in due order.
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'Pending';
-- The delivery log API: newest first, optionally per organization and status.
CREATE INDEX notification_log ON notification (created_at DESC, id);
CREATE INDEX notification_log_organization ON notification (organization_id, created_at DESC);
-- The rate limits' windows.
CREATE INDEX notification_rate_organization ON notification (organization_id, rate_slot) WHERE rate_slot IS NOT NULL;
CREATE INDEX notification_rate_recipient ON notification (lower(recipient), rate_slot) WHERE rate_slot IS NOT NULL;
CREATE INDEX notification_invitation ON notification (invitation_id) WHERE status = 'Pending';
