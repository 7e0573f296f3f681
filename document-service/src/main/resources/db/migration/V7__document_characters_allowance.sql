-- Characters written per organization (creations and updates, title and content), counted like creations (V2_1)
-- and updates (V3) in the same shard rows and the same rate window. The two rates count writes, not their size: a
-- creation of 256 KiB costs the database up to a few hundred ms to stem and index (a title-only update of such a
-- document as much, the search column being computed again from both), so one organization writing large documents
-- within its rates could keep the database's cores busy for every other organization.
ALTER TABLE document_allowance
    ADD COLUMN written        BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN written_before BIGINT NOT NULL DEFAULT 0;
