-- The note to an inviter whose invitation was accepted but whose roles org-service did not grant
-- (InvitationGrantRefused), editable through /api/email-templates like the others.
INSERT INTO email_template (usage_type, subject, content, content_type) VALUES
('InvitationNotGranted',
 '{{invitee}} did not join {{organizationName}}',
 '<p>Hello,</p>
<p>{{invitee}} accepted your invitation to <strong>{{organizationName}}</strong>, but did not join it as {{roles}}:
whoever sent the invitation no longer holds those roles there. If you were told that {{invitee}} joined, that note
no longer holds. Someone who holds the roles can invite {{invitee}} again.</p>',
 'text/html');

-- The invitations whose grant org-service refused (InvitationGrantRefused), as this service learnt them: an
-- acceptance note whose event comes later (another topic) is then not recorded. A table of its own, one row per
-- refusal, so the lookup needs no index on the ever-growing delivery log.
CREATE TABLE invitation_grant_refused (
    invitation_id TEXT PRIMARY KEY,
    refused_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
