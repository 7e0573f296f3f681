-- A deleted organization's documents are purged in batches (its OrganizationDeleted takes the first, a sweep the
-- rest), so a large organization's purge does not hold document-service's consumer, and every other organization's
-- events behind it, for the length of one huge transaction. purge_pending: documents may remain.
ALTER TABLE deleted_organization ADD COLUMN purge_pending BOOLEAN NOT NULL DEFAULT false;
GRANT UPDATE (purge_pending) ON deleted_organization TO documind_document_app;
CREATE INDEX deleted_organization_purge_pending ON deleted_organization (organization_id) WHERE purge_pending;
