-- A rotation marks the other unused tokens of its sign-in as used (RefreshTokenRotation: only one chain of a
-- sign-in lives on). A family also holds its rotated tokens until they are pruned, hundreds for a client that
-- refreshes often, so the rotation finds the unused ones by this index instead of walking the family's rows.
CREATE INDEX refresh_token_family_unused ON refresh_token (family_id) WHERE used_at IS NULL AND revoked_at IS NULL;
