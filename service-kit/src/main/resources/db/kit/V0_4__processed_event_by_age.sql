-- ProcessedEventPruning deletes claims by age: without this index each of its batches would read the whole table.
-- Not CONCURRENTLY: Flyway's lock is a transaction on another connection, which a concurrent build waits for
-- forever. The build holds off consumers' claims while it runs (seconds per million rows); to avoid that on a large
-- table, run "CREATE INDEX CONCURRENTLY processed_event_processed_at ON processed_event (processed_at)" beforehand and
-- wait for it: a valid index of that name is kept, a failed (invalid) build of it is replaced.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               WHERE c.relname = 'processed_event_processed_at' AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
                 AND NOT i.indisvalid) THEN
        DROP INDEX processed_event_processed_at;
    END IF;
END
$$;
CREATE INDEX IF NOT EXISTS processed_event_processed_at ON processed_event (processed_at);
