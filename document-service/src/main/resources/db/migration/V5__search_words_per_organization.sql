-- Full-text search's GIN index held one posting list per word for every organization together. A search that fell
-- back to it read the word's list across all organizations and only then dropped the other organizations' rows, so
-- its time told a tenant how often a word occurs in other tenants' documents (a word in no document of its own).
-- The index now holds each organization's words apart: every lexeme is indexed with a tag of its organization
-- prefixed, so a lookup reads only its own organization's lists. The index only finds candidates; the plain
-- condition (search @@ query) still decides every match, on the stored column, as before.

-- The tag: 16 hex digits of the organization id's SHA-256 (not md5, which FIPS builds refuse). Fixed length, so tag
-- and lexeme never run into each other. Two organizations sharing a tag (about n^2 / 2^65 for n organizations; ids
-- are the server's UUIDs) would share lists, which costs them that timing and nothing else. Written out in both
-- functions below rather than called: ANALYZE and index builds run these with only pg_catalog on the search path.

-- The document's lexemes with the tag, without positions or weights (strip): the index needs neither, and the
-- plain condition tests phrases. A tsvector holds at most 1 MiB of lexemes and 2,046 bytes per lexeme; a document of
-- some 50,000 distinct words would not fit with the tags. Then the lexemes past the budget (in C order, the same on
-- every machine) are left out and the tag alone (tag and a space: no parser makes a lexeme with a space) marks the
-- document, which document_search_query always asks for: such a document is a candidate for every search of its
-- organization, and the plain condition decides. Never an error, so a write never fails here. PL/pgSQL, so the
-- planner does not inline it and the index expression and the query's stay the same call.
CREATE OR REPLACE FUNCTION document_search_words(organization_id TEXT, words TSVECTOR) RETURNS TSVECTOR
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    tag CONSTANT TEXT := left(encode(sha256(convert_to(organization_id, 'UTF8')), 'hex'), 16);
    left_out TEXT[];
BEGIN
    words := strip(words);
    SELECT array_agg(lexeme) INTO left_out
    FROM (SELECT lexeme, sum(octet_length(lexeme) + 20) OVER (ORDER BY lexeme COLLATE "C") AS bytes
          FROM unnest(words)) sized
    WHERE octet_length(lexeme) + 20 > 2046 OR bytes > 1000000;
    IF left_out IS NOT NULL THEN
        words := ts_delete(words, left_out);
    END IF;
    -- Each lexeme is quoted in the text form, a quote inside it doubled. E'': the same whatever
    -- standard_conforming_strings says.
    words := regexp_replace(words::text, E'\'((?:[^\']|\'\')*)\'', E'\'' || tag || E'\\1\'', 'g')::tsvector;
    IF left_out IS NOT NULL THEN
        words := words || array_to_tsvector(ARRAY[tag || ' ']);
    END IF;
    RETURN words;
END
$$;

-- What the index is asked for: the part of the query an index can answer (querytree: no negation), phrases as plain
-- AND (the words have no positions), with the tag, or the tag alone (documents too large to tag in full). For
-- queries of websearch_to_tsquery('english', ...) as document-service makes them: that parser never puts < or > in
-- a lexeme (the phrase operators are found by their text), and a query is at most 256 characters (MAX_QUERY_LENGTH),
-- so no tagged lexeme passes tsquery's 2,046 bytes.
-- NULL when no part can be answered by an index (a query of only negations): the caller then tests rows with the
-- plain condition. A query of stop words only stays empty: it matches nothing.
CREATE OR REPLACE FUNCTION document_search_query(organization_id TEXT, asked TSQUERY) RETURNS TSQUERY
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    tag CONSTANT TEXT := left(encode(sha256(convert_to(organization_id, 'UTF8')), 'hex'), 16);
    indexed TSQUERY;
BEGIN
    IF numnode(asked) = 0 THEN
        RETURN asked;
    END IF;
    IF querytree(asked) = 'T' THEN
        RETURN NULL;
    END IF;
    indexed := querytree(asked)::tsquery;
    RETURN (regexp_replace(regexp_replace(indexed::text, '<(-|[0-9]+)>', '&', 'g'),
                           E'\'((?:[^\']|\'\')*)\'', E'\'' || tag || E'\\1\'', 'g')::tsquery)
           || (E'\'' || tag || E' \'')::tsquery;
END
$$;

-- As with ts_match_vq (V1): under row-level security a condition is used in an index ahead of the policy only when
-- its functions on the row are LEAKPROOF. This one answers from its arguments only and raises no error (every row
-- it sees went through it when it was written).
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION document_search_words(TEXT, TSVECTOR) LEAKPROOF;
    ELSE
        RAISE WARNING 'not a superuser: full-text search cannot use its GIN index under row-level security';
    END IF;
END
$$;

-- IF NOT EXISTS: on a large table an operator may build the index beforehand without holding writes (README,
-- document-service: this file's two functions, then CREATE INDEX CONCURRENTLY with exactly this definition, waited
-- for until done). A build that failed half way leaves an invalid index, which is built again here.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               WHERE c.relname = 'document_search_by_organization' AND c.relnamespace = current_schema()::regnamespace
                 AND NOT i.indisvalid) THEN
        DROP INDEX document_search_by_organization;
    END IF;
END
$$;
CREATE INDEX IF NOT EXISTS document_search_by_organization ON document
    USING GIN (document_search_words(organization_id, search)) WITH (fastupdate = off);
-- Statistics for the tagged words now, not at autovacuum's next analyze: without them PostgreSQL estimates the
-- tagged condition at a default and a rare word's search in a million documents took 43 ms instead of 4 (bench).
-- Before the old index's drop, so reads go on meanwhile. Every ANALYZE tags each sampled document again (about
-- 35 µs for a small one, up to 0.4 s for one of 50,000 distinct words).
ANALYZE document;
DROP INDEX document_search;
