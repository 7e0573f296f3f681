-- Pending mail whose last attempt found the SMTP server away (not one recipient deferred): when any send succeeds
-- again, these go at once instead of each waiting out its own backoff (issue 16).
ALTER TABLE notification ADD COLUMN awaiting_server BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX notification_awaiting_server ON notification (next_attempt_at) WHERE status = 'Pending' AND awaiting_server;
