-- A user's events (UserCreated on every sign-up, UserUpdated, UserDeleted) reach its rows in every organization by
-- user_id alone; the primary key leads with organization_id, so without this each one read the whole table on the
-- service's only consumer thread, which also applies revocations and memberships.
CREATE INDEX member_view_by_user ON member_view (user_id);
