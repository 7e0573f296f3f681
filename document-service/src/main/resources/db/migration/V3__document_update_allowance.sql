-- Updates per organization, counted like creations (V2_1) in the same shard rows and the same rate window: a PATCH
-- may rewrite a 256 KiB document, which costs the database as much as creating one, so it needs a budget too.
ALTER TABLE document_allowance
    ADD COLUMN updated        INT NOT NULL DEFAULT 0,
    ADD COLUMN updated_before INT NOT NULL DEFAULT 0;
