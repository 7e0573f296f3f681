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

-- An acceptance note looks for a refusal note of its invitation before it is recorded. The log keeps every
-- status, and notification_invitation holds Pending rows only, so this index finds an invitation's mail of any status.
CREATE INDEX notification_inviter_note ON notification (invitation_id, usage_type) WHERE invitation_id IS NOT NULL;
