-- Only in service-kit's tests: the visible effect of the test handler.
CREATE TABLE kit_test_effect (
    event_id        TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    name            TEXT NOT NULL
);
