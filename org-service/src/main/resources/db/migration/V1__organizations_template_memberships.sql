-- org-service owns organizations, the organization template (roles and scopes) and memberships.

CREATE TABLE organization (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    description TEXT        CHECK (length(description) <= 2000),
    created_by  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The organization template: one set of roles and scopes shared by every organization (DESIGN §4).
CREATE TABLE organization_scope (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT
);

CREATE TABLE organization_role (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT
);

CREATE TABLE organization_role_scope (
    role_id  UUID NOT NULL REFERENCES organization_role (id) ON DELETE CASCADE,
    scope_id UUID NOT NULL REFERENCES organization_scope (id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, scope_id)
);

CREATE TABLE membership (
    organization_id UUID        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    user_id         TEXT        NOT NULL,
    email           TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX membership_user ON membership (user_id);

CREATE TABLE membership_role (
    organization_id UUID NOT NULL,
    user_id         TEXT NOT NULL,
    role_id         UUID NOT NULL REFERENCES organization_role (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, user_id, role_id),
    FOREIGN KEY (organization_id, user_id) REFERENCES membership (organization_id, user_id) ON DELETE CASCADE
);

-- The seeded template. Fixed ids keep the seed identical on every installation.
INSERT INTO organization_scope (id, name, description) VALUES
    ('00000000-0000-4000-8000-000000000101', 'read:documents',       'Read documents'),
    ('00000000-0000-4000-8000-000000000102', 'create:documents',     'Create documents'),
    ('00000000-0000-4000-8000-000000000103', 'update:documents',     'Update documents'),
    ('00000000-0000-4000-8000-000000000104', 'delete:documents',     'Delete documents'),
    ('00000000-0000-4000-8000-000000000105', 'invite:member',        'Invite members'),
    ('00000000-0000-4000-8000-000000000106', 'manage:member',        'Change members'' roles'),
    ('00000000-0000-4000-8000-000000000107', 'delete:member',        'Remove members'),
    ('00000000-0000-4000-8000-000000000108', 'manage:organization',  'Change the organization'),
    ('00000000-0000-4000-8000-000000000109', 'delete:organization',  'Delete the organization');

INSERT INTO organization_role (id, name, description) VALUES
    ('00000000-0000-4000-8000-000000000001', 'Admin',        'Full control of the organization'),
    ('00000000-0000-4000-8000-000000000002', 'Member',       'Works on documents and invites people'),
    ('00000000-0000-4000-8000-000000000003', 'Collaborator', 'Reads documents');

INSERT INTO organization_role_scope (role_id, scope_id)
SELECT '00000000-0000-4000-8000-000000000001', id FROM organization_scope;
INSERT INTO organization_role_scope (role_id, scope_id)
SELECT '00000000-0000-4000-8000-000000000002', id FROM organization_scope
WHERE name IN ('read:documents', 'create:documents', 'update:documents', 'invite:member');
INSERT INTO organization_role_scope (role_id, scope_id)
SELECT '00000000-0000-4000-8000-000000000003', id FROM organization_scope WHERE name = 'read:documents';
