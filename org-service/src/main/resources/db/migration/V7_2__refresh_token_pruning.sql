-- Spent refresh tokens are pruned (RefreshTokenPruning): a row may go once it is rotated, revoked or expired, and
-- the earliest of those moments is what the chore scans by, so it walks this index instead of the whole table.
CREATE INDEX refresh_token_spent ON refresh_token (LEAST(used_at, revoked_at, expires_at));
