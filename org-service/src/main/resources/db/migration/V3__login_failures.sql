-- Failed password sign-ins per account and per client address (LoginThrottle): kept here, not in each instance's
-- memory, so N instances share one budget instead of granting N.
CREATE TABLE login_failure (
    key           TEXT PRIMARY KEY,
    failures      INTEGER     NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    blocked_until TIMESTAMPTZ
);
CREATE INDEX login_failure_window ON login_failure (window_start);
