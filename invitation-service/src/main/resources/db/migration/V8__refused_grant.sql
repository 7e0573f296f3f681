-- Accepted invitations whose roles org-service did not grant (InvitationGrantRefused: whoever vouched for them no
-- longer held them when the acceptance was applied). The invitation stays Accepted, a final status; this tells the
-- invitee's accept to answer 422 instead of waiting for a membership that will not come. No foreign key: the event
-- may name an invitation deleted since, and a refusal row outliving it is harmless.
CREATE TABLE refused_grant (
    invitation_id UUID PRIMARY KEY,
    grantor_id    TEXT        NOT NULL,
    refused_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
