-- When org-service's own consumer applied OrganizationCreated (its creator became Admin). Until then a request
-- for the creator answers "retry" instead of "not a member" (issue 13: read-your-writes after creating).
ALTER TABLE organization ADD COLUMN creator_admitted_at TIMESTAMPTZ;
-- Organizations from before this column: their events were applied long ago (or are about to be, which sets it).
UPDATE organization SET creator_admitted_at = created_at WHERE created_by IS NOT NULL;
