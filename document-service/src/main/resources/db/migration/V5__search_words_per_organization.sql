-- Full-text search's GIN index held one posting list per word for every organization together. A search that fell
-- back to it read the word's list across all organizations and only then dropped the other organizations' rows, so
-- its time told a tenant how often a word occurs in other tenants' documents (a word in no document of its own).
-- The index now holds each organization's words apart: every lexeme is prefixed with a tag of its organization, so
-- a lookup reads only its own organization's list. The tag is 16 hex digits of md5(organization_id): fixed length,
-- so tag and lexeme never run into each other; two organizations sharing a tag (about one pair in 2^64 / n^2)
-- would share lists, which costs them that timing and nothing else (every statement still names the organization).

-- The organization's tag on each of the document's lexemes, positions and weights kept, so a phrase matches as it
-- does without the tag. Lexemes that would not fit a tsvector with the tag (2,046 bytes each, 1 MiB together) are
-- left out instead of failing the write: only a document of tens of thousands of distinct words (or a word of
-- 2,000 bytes) reaches that, and such a document is then found through the index by the words that fit (the
-- newest-first walk still tests all of them). PL/pgSQL, so the planner never inlines it and the index expression
-- and the query's stay the same call.
CREATE FUNCTION document_search_words(organization_id TEXT, words TSVECTOR) RETURNS TSVECTOR
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    tag CONSTANT TEXT := left(md5(organization_id), 16);
    too_long TEXT[];
BEGIN
    SELECT array_agg(lexeme) INTO too_long
    -- What tsvector counts against its 1 MiB: each lexeme, its alignment byte, its positions and their count.
    FROM (SELECT lexeme, sum(octet_length(lexeme) + 16 + 3 + 2 * coalesce(cardinality(positions), 0))
                 OVER (ORDER BY lexeme) AS bytes
          FROM unnest(words)) sized
    WHERE octet_length(lexeme) + 16 > 2046 OR bytes > 1000000;
    IF too_long IS NOT NULL THEN
        words := ts_delete(words, too_long);
    END IF;
    -- Each lexeme is quoted in the text form, a quote inside it doubled.
    RETURN regexp_replace(words::text, '''((?:[^'']|'''')*)''', '''' || tag || '\1''', 'g')::tsvector;
END
$$;

-- The query's lexemes with the same tag (a query is at most 256 characters, so every lexeme fits).
CREATE FUNCTION document_search_query(organization_id TEXT, query TSQUERY) RETURNS TSQUERY
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN regexp_replace(query::text, '''((?:[^'']|'''')*)''', '''' || left(md5(organization_id), 16) || '\1''',
                          'g')::tsquery;
END
$$;

-- As with ts_match_vq (V1): under row-level security a condition is used in an index ahead of the policy only when
-- its functions on the row are LEAKPROOF. This one raises no error and answers from its arguments only.
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION document_search_words(TEXT, TSVECTOR) LEAKPROOF;
    ELSE
        RAISE WARNING 'not a superuser: full-text search cannot use its GIN index under row-level security';
    END IF;
END
$$;

-- IF NOT EXISTS: on a large table an operator may build it beforehand without holding writes, with
-- CREATE INDEX CONCURRENTLY and this same definition (README, document-service), and this migration then keeps it.
CREATE INDEX IF NOT EXISTS document_search_by_organization ON document
    USING GIN (document_search_words(organization_id, search)) WITH (fastupdate = off);
DROP INDEX document_search;
