-- The platform's users as org-service announces them (UserCreated/UserUpdated/UserDeleted): a management
-- acceptance on someone's behalf must name an existing user whose email is the invitee's.
CREATE TABLE user_view (
    id      TEXT    PRIMARY KEY,
    email   TEXT,
    -- A tombstone: user events carry no organization key, so a late UserUpdated must not bring a deleted user back.
    deleted BOOLEAN NOT NULL DEFAULT false
);
