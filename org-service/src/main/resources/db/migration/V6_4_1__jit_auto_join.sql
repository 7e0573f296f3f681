-- Issue 13: just-in-time membership (Logto's JIT). A user who proves an address at one of an organization's email
-- domains joins it with its JIT roles; created_at tells which domains were present when the address was proved.
CREATE TABLE organization_jit_email_domain (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    email_domain    TEXT        NOT NULL CHECK (email_domain = lower(email_domain) AND length(email_domain) <= 253),
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, email_domain)
);
CREATE INDEX organization_jit_email_domain_domain ON organization_jit_email_domain (email_domain);

CREATE TABLE organization_jit_role (
    id                   UUID PRIMARY KEY,
    organization_id      UUID NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    organization_role_id UUID NOT NULL REFERENCES organization_role (id) ON DELETE CASCADE,
    UNIQUE (organization_id, organization_role_id)
);
