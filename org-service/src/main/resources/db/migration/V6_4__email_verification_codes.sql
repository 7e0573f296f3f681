-- Issue 13: email verification and password reset by emailed code.

-- Whether the user proved its current address (a code or link, a reset code, an invitation's secret). An email
-- change clears it. Users created before this column existed have proved nothing.
ALTER TABLE app_user ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT false;

-- The one live code per (user, purpose), stored only hashed. A new code replaces the old one. {@code email} is the
-- address it was sent to: a code proves only that address, so one sent before an email change proves nothing.
CREATE TABLE email_code (
    id         TEXT PRIMARY KEY,            -- user_id || ':' || purpose
    user_id    TEXT        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    purpose    TEXT        NOT NULL CHECK (purpose IN ('Register', 'ForgotPassword')),
    email      TEXT        NOT NULL,
    code_hash  TEXT        NOT NULL,
    link_hash  TEXT,
    attempts   INTEGER     NOT NULL DEFAULT 0,
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX email_code_link ON email_code (link_hash) WHERE link_hash IS NOT NULL;

-- Fixed-window request counts (resend cooldowns, password-reset requests per address and per client address),
-- shared by every instance.
CREATE TABLE request_limit (
    key          TEXT PRIMARY KEY,
    window_start TIMESTAMPTZ NOT NULL,
    count        INTEGER     NOT NULL
);
CREATE INDEX request_limit_window ON request_limit (window_start);
