-- invitation-service owns invitations. The *_view tables are local read models of org-service's data, fed
-- only by its events (DESIGN §2: a service never reads another service's tables).

-- Organization ids are kept as text: they arrive in events as strings, and a malformed one must not poison
-- the consumer.
CREATE TABLE organization_view (
    id      TEXT    PRIMARY KEY,
    name    TEXT    NOT NULL,
    -- A tombstone: a late OrganizationUpdated must not bring a deleted organization back.
    deleted BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE member_view (
    organization_id TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    email           TEXT,
    PRIMARY KEY (organization_id, user_id)
);
-- "Is the invitee already a member?" is asked by email.
CREATE INDEX member_view_email ON member_view (organization_id, lower(email));

-- The organization template's roles (OrganizationTemplateChanged replaces them all).
CREATE TABLE role_view (
    name     TEXT   PRIMARY KEY,
    id       TEXT   UNIQUE,
    scopes   TEXT[] NOT NULL,
    position INT    NOT NULL
);

-- Until the first OrganizationTemplateChanged arrives: the DESIGN §4 template, with org-service's fixed role ids.
INSERT INTO role_view (name, id, position, scopes) VALUES
    ('Admin', '00000000-0000-4000-8000-000000000001', 1,
     ARRAY['read:documents', 'create:documents', 'update:documents', 'delete:documents', 'invite:member',
           'manage:member', 'delete:member', 'manage:organization', 'delete:organization']),
    ('Member', '00000000-0000-4000-8000-000000000002', 2,
     ARRAY['read:documents', 'create:documents', 'update:documents', 'invite:member']),
    ('Collaborator', '00000000-0000-4000-8000-000000000003', 3,
     ARRAY['read:documents']);

CREATE TABLE invitation (
    id               UUID        PRIMARY KEY,
    organization_id  TEXT        NOT NULL,
    invitee          TEXT        NOT NULL,
    inviter_id       TEXT,
    inviter_email    TEXT,
    -- The roles as they were when invited: parallel arrays of template ids (an id may be null) and names.
    role_ids         TEXT[]      NOT NULL,
    role_names       TEXT[]      NOT NULL,
    -- Pending past expires_at reads as Expired at once; the sweep then writes Expired and emits the event.
    status           TEXT        NOT NULL CHECK (status IN ('Pending', 'Accepted', 'Expired', 'Revoked')),
    -- SHA-256 of the link secret; the secret itself is never stored.
    secret_hash      BYTEA       NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    accepted_user_id TEXT,
    message_sent_at  TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK ((status = 'Accepted') = (accepted_user_id IS NOT NULL))
);

-- At most one Pending invitation per (organization, invitee), whatever the case of the address.
CREATE UNIQUE INDEX invitation_one_pending ON invitation (organization_id, lower(invitee)) WHERE status = 'Pending';
-- The expiry sweep scans only what is still pending.
CREATE INDEX invitation_pending_expiry ON invitation (expires_at) WHERE status = 'Pending';
CREATE INDEX invitation_by_organization ON invitation (organization_id, created_at DESC);
CREATE INDEX invitation_by_invitee ON invitation (lower(invitee));
