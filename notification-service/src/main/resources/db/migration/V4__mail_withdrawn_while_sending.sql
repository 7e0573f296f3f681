-- Mail cancelled (its invitation revoked, expired or superseded; its organization deleted) while a worker is sending
-- it: the row stays the worker's, which records what became of it, but if that attempt does not get through it is
-- cancelled instead of retried, and if its worker died, the next worker to claim it cancels it instead of sending.
ALTER TABLE notification ADD COLUMN withdrawn TEXT;
