-- Whose organization token vouched for an invitation's roles ("grant only what you hold", checked at creation and at
-- each send again). Accepting is the grant itself, so an invitation must not outlive that authority: when the grantor
-- leaves the organization, is deleted or suspended, or keeps no role covering the invitation's, the invitation is
-- revoked. No row: a management token vouched (the operator), or the invitation predates this table.
CREATE TABLE invitation_grantor (
    invitation_id   UUID PRIMARY KEY REFERENCES invitation (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL,
    grantor_id      TEXT NOT NULL
);
CREATE INDEX invitation_grantor_by_grantor ON invitation_grantor (grantor_id, organization_id);
