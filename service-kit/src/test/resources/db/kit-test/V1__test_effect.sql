-- Only in service-kit's tests: the visible effect of the test handler. Deliberately not unique per event,
-- so a second application of one event would show as a second row.
CREATE TABLE kit_test_effect (
    id              BIGSERIAL PRIMARY KEY,
    event_id        TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    name            TEXT NOT NULL
);
