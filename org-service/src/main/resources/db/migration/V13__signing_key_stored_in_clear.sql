-- Private signing keys are stored sealed from this version on (SigningKeyWrapping). The keys already here were
-- stored in clear: only those may still be read in clear, once, and are sealed at the next start. A clear key
-- written later (by hand, or by anyone with write access to this table) is refused, not signed with.
ALTER TABLE signing_key ADD COLUMN stored_in_clear BOOLEAN NOT NULL DEFAULT false;
UPDATE signing_key SET stored_in_clear = true;
