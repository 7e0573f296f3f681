-- Abuse limits (issue 16 part 5, OWASP API4): documents stored and created per organization, counted without
-- one hot row per organization (POST /documents runs hundreds a second in one organization) and without
-- counting an organization's documents on each insert. Each organization's counts are spread over 16 rows
-- (shards); a document's shard is a hash of its id, so concurrent creations rarely wait on one another, and
-- the organization's figure is the sum of its 16 rows.
CREATE FUNCTION document_shard(id UUID) RETURNS SMALLINT LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashtext(id::text) & 15)::smallint $$;

CREATE TABLE document_allowance (
    organization_id TEXT        NOT NULL,
    shard           SMALLINT    NOT NULL,
    -- Documents stored, kept by the triggers below on every insert and delete, whoever makes them.
    stored          BIGINT      NOT NULL DEFAULT 0,
    -- Creations in the rate window starting at window_start, and in the window before it (written by the service).
    window_start    TIMESTAMPTZ,
    created         INT         NOT NULL DEFAULT 0,
    created_before  INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, shard)
);

-- Statement-level with transition tables: a bulk insert or an organization's purge updates each shard row once.
CREATE FUNCTION document_allowance_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO document_allowance (organization_id, shard, stored)
        SELECT organization_id, document_shard(id), count(*) FROM inserted GROUP BY 1, 2
        ON CONFLICT (organization_id, shard) DO UPDATE SET stored = document_allowance.stored + excluded.stored;
    ELSE
        UPDATE document_allowance a SET stored = a.stored - d.n
        FROM (SELECT organization_id, document_shard(id) AS shard, count(*) AS n FROM deleted GROUP BY 1, 2) d
        WHERE a.organization_id = d.organization_id AND a.shard = d.shard;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER document_counted_in AFTER INSERT ON document REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION document_allowance_count();
CREATE TRIGGER document_counted_out AFTER DELETE ON document REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION document_allowance_count();

-- The documents stored before this migration. The owner is bound by document's FORCEd policy: lift it for the
-- count, in this migration's transaction.
ALTER TABLE document NO FORCE ROW LEVEL SECURITY;
INSERT INTO document_allowance (organization_id, shard, stored)
SELECT organization_id, document_shard(id), count(*) FROM document GROUP BY 1, 2;
ALTER TABLE document FORCE ROW LEVEL SECURITY;

-- Tenant work (the service's role) sees and counts only its organization's rows, as for documents.
ALTER TABLE document_allowance ENABLE ROW LEVEL SECURITY;
CREATE POLICY document_allowance_tenant ON document_allowance
    USING (organization_id = current_setting('documind.organization_id', true))
    WITH CHECK (organization_id = current_setting('documind.organization_id', true));
GRANT SELECT, INSERT, UPDATE ON document_allowance TO documind_document_app;
