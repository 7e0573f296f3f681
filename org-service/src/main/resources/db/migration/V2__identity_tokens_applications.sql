-- Identity: users with a unique, case-insensitive email.
CREATE TABLE app_user (
    id            TEXT PRIMARY KEY,
    email         TEXT        NOT NULL,
    name          TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    password_hash TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

-- Refresh tokens are stored only as SHA-256 hashes. A family is one sign-in: every rotation adds a row to it;
-- presenting a rotated (used) token again revokes the whole family.
CREATE TABLE refresh_token (
    token_hash  TEXT PRIMARY KEY,
    family_id   UUID        NOT NULL,
    user_id     TEXT        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    client_id   TEXT        NOT NULL,
    scopes      TEXT        NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- Machine-to-machine applications for the Management API; secrets stored as hashes, shown once.
CREATE TABLE application (
    id          TEXT PRIMARY KEY,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    description TEXT,
    secret_hash TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Token signing keys. A key is published in the JWKS from its creation and signs only from not_before on,
-- so resource services have fetched it before they meet it (rotation = publish first, sign later).
CREATE TABLE signing_key (
    kid         TEXT PRIMARY KEY,
    private_jwk TEXT        NOT NULL,
    public_jwk  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    not_before  TIMESTAMPTZ NOT NULL,
    retired_at  TIMESTAMPTZ
);

-- Memberships now belong to real users. NOT VALID: rows from before users existed are left as they are.
ALTER TABLE membership ADD CONSTRAINT membership_user
    FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE NOT VALID;
