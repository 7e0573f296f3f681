-- Authority versions (DESIGN §4): raised, in the transaction of the change and its event, whenever the authority
-- behind a token shrinks; every token carries the versions it was built from and services refuse older ones.
-- No foreign keys: a version must outlive the user, application or membership it guards (versions only grow,
-- and a deleted subject's row is what keeps a re-created membership from reusing old numbers). A missing row
-- means version 1.
CREATE TABLE subject_authority_version (
    subject    TEXT        PRIMARY KEY,
    version    BIGINT      NOT NULL CHECK (version > 1),
    raised_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE organization_authority_version (
    subject         TEXT        NOT NULL,
    organization_id UUID        NOT NULL,
    version         BIGINT      NOT NULL CHECK (version > 1),
    raised_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (subject, organization_id)
);

-- A refresh token remembers its user's version when issued: once the version has grown (password changed,
-- suspended) the whole sign-in is refused. Compared at use, so a rotation racing the change cannot slip through.
ALTER TABLE refresh_token ADD COLUMN authority_version BIGINT NOT NULL DEFAULT 1;

-- Logto's isSuspended: a suspended user gets no token of any kind.
ALTER TABLE app_user ADD COLUMN suspended BOOLEAN NOT NULL DEFAULT false;
