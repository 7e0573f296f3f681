-- document-service owns organization-scoped documents (DESIGN §5), isolated twice: every query names the
-- organization, and row-level security enforces it again for the role the service works as.

-- The role document queries run as (SET LOCAL ROLE per transaction, see TenantTransactions): not a superuser,
-- no BYPASSRLS, not the owner of anything. Roles are cluster-wide, so other databases (and test databases) on the
-- same server may have created it already.
DO $$
BEGIN
    CREATE ROLE documind_document_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$$;
-- The login user switches to it; a superuser may anyway, a non-superuser owner needs the membership.
GRANT documind_document_app TO CURRENT_USER;

CREATE TABLE document (
    id              UUID        PRIMARY KEY,
    organization_id TEXT        NOT NULL CHECK (length(organization_id) BETWEEN 1 AND 64),
    title           TEXT        NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    content         TEXT        NOT NULL,
    author_id       TEXT        NOT NULL,
    updated_by      TEXT        NOT NULL,
    version         BIGINT      NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    -- Full-text search: title weighs more than content. 'english' stems ("drafts" finds "draft").
    search          TSVECTOR    GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', title), 'A') ||
                        setweight(to_tsvector('english', content), 'B')) STORED
);

-- Lists are newest first with keyset pagination on (created_at, id), always within one organization.
CREATE INDEX document_newest ON document (organization_id, created_at DESC, id DESC);
-- fastupdate off: new documents go into the index at once instead of a pending list that every search must
-- scan until the next vacuum (which also makes the planner shy away from the index). Inserts pay a little more.
CREATE INDEX document_search ON document USING GIN (search) WITH (fastupdate = off);

-- Full-text search under row-level security: PostgreSQL lets a query condition use an index ahead of the policy
-- only when the condition's function is LEAKPROOF, and text search's @@ (ts_match_vq) is not marked so; the GIN
-- index would then never be used for the service's role. ts_match_vq answers true/false and raises no error that
-- depends on a row, so it leaks nothing: mark it, in this database only. That takes a superuser (the local stack's
-- and the tests' migrator is one); without one, search still works, by walking the organization's documents.
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
    ELSE
        RAISE WARNING 'not a superuser: full-text search cannot use its GIN index under row-level security';
    END IF;
END
$$;

ALTER TABLE document ENABLE ROW LEVEL SECURITY;
-- FORCE: the owner (whoever ran this migration) is bound by the policy too; only a superuser is not.
ALTER TABLE document FORCE ROW LEVEL SECURITY;
-- The organization is set per transaction (set_config(..., true)); unset means NULL, which matches no row.
CREATE POLICY document_tenant ON document
    USING (organization_id = current_setting('documind.organization_id', true))
    WITH CHECK (organization_id = current_setting('documind.organization_id', true));

-- Organizations we learned were deleted (OrganizationDeleted): no new documents for them, even with a token
-- that has not expired yet.
CREATE TABLE deleted_organization (
    organization_id TEXT        PRIMARY KEY,
    deleted_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Keys for page cursors, shared by every instance through the database, so a cursor one instance issued is
-- accepted by the others and a client cannot forge one. 32 random bytes from two random UUIDs (core PostgreSQL).
CREATE TABLE service_secret (
    name  TEXT  PRIMARY KEY,
    value BYTEA NOT NULL CHECK (length(value) >= 16)
);
INSERT INTO service_secret (name, value)
VALUES ('page-cursor', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

GRANT SELECT, INSERT, UPDATE, DELETE ON document TO documind_document_app;
GRANT SELECT, INSERT ON deleted_organization TO documind_document_app;
-- Events are written in the same transaction, as the same role (the kit's outbox).
GRANT INSERT ON outbox_event TO documind_document_app;
GRANT USAGE ON SEQUENCE outbox_event_id_seq TO documind_document_app;
