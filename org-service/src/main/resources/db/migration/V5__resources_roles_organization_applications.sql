-- Round 2 of the Management API (DESIGN §5), Logto-shaped: API resources with their scopes, global roles (RBAC)
-- for users and applications, organization roles carrying resource scopes, and applications as organization
-- members with organization roles.

-- An API resource of the platform's user: its indicator becomes a token's aud (RFC 8707).
CREATE TABLE api_resource (
    id               TEXT PRIMARY KEY,
    name             TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    indicator        TEXT        NOT NULL UNIQUE CHECK (length(indicator) BETWEEN 1 AND 256),
    access_token_ttl INTEGER     NOT NULL DEFAULT 3600 CHECK (access_token_ttl BETWEEN 60 AND 86400),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE resource_scope (
    id          TEXT PRIMARY KEY,
    resource_id TEXT        NOT NULL REFERENCES api_resource (id) ON DELETE CASCADE,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    description TEXT        CHECK (length(description) <= 256),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (resource_id, name)
);

-- Global roles: type User or MachineToMachine (Logto's RoleType); they carry resource scopes.
CREATE TABLE role (
    id          TEXT PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 128),
    description TEXT        CHECK (length(description) <= 256),
    type        TEXT        NOT NULL CHECK (type IN ('User', 'MachineToMachine')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE role_resource_scope (
    role_id  TEXT NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    scope_id TEXT NOT NULL REFERENCES resource_scope (id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, scope_id)
);
CREATE INDEX role_resource_scope_scope ON role_resource_scope (scope_id);

CREATE TABLE user_role (
    user_id TEXT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_role_role ON user_role (role_id);

CREATE TABLE application_role (
    application_id TEXT NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    role_id        TEXT NOT NULL REFERENCES role (id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, role_id)
);
CREATE INDEX application_role_role ON application_role (role_id);

-- Organization-level API permissions: an organization role may carry resource scopes too.
CREATE TABLE organization_role_resource_scope (
    role_id  UUID NOT NULL REFERENCES organization_role (id) ON DELETE CASCADE,
    scope_id TEXT NOT NULL REFERENCES resource_scope (id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, scope_id)
);
CREATE INDEX organization_role_resource_scope_scope ON organization_role_resource_scope (scope_id);

-- Machine-to-machine applications that belong to an organization, and their organization roles there.
CREATE TABLE organization_application (
    organization_id UUID        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    application_id  TEXT        NOT NULL REFERENCES application (id) ON DELETE CASCADE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, application_id)
);
CREATE INDEX organization_application_application ON organization_application (application_id);

CREATE TABLE organization_application_role (
    organization_id UUID NOT NULL,
    application_id  TEXT NOT NULL,
    role_id         UUID NOT NULL REFERENCES organization_role (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, application_id, role_id),
    FOREIGN KEY (organization_id, application_id)
        REFERENCES organization_application (organization_id, application_id) ON DELETE CASCADE
);
CREATE INDEX organization_application_role_role ON organization_application_role (role_id);
