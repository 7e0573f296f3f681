-- A rotation ends the other unused tokens of its sign-in (RefreshTokenRotation: only one chain of a sign-in lives
-- on). superseded_at marks them: used, but never answered again, not even within the reuse window.
ALTER TABLE refresh_token ADD COLUMN superseded_at TIMESTAMPTZ;
-- A family also holds its rotated tokens until they are pruned, hundreds for a client that refreshes often, so the
-- rotation finds the unused ones by this index instead of walking the family's rows. Built plainly: the table holds
-- about one row per live sign-in (RefreshTokenPruning), so the build's write lock is short.
CREATE INDEX refresh_token_family_unused ON refresh_token (family_id) WHERE used_at IS NULL AND revoked_at IS NULL;
