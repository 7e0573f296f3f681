-- document_search_words (V5) tags each lexeme by rewriting the vector's text form with a regular expression and
-- parsing it back: about 290 µs per call for a document of 1,000 characters (77 lexemes), on every insert and update
-- of a document (the GIN index's expression) and for each document ANALYZE samples. The same tagged lexemes are
-- built here from the lexemes as an array: about 48 µs. The size budget's window over the sorted lexemes
-- (about 60 µs more) runs only when the stripped vector with 20 bytes per lexeme could exceed it; below that only a
-- lexeme too long to tag is left out.
--
-- The index needs no rebuild: the result is byte for byte what V5 returns (DocumentSearchTest compares the two on
-- both sides of the budget; also compared over the README's text in chunks), so the entries the index holds are the
-- ones this function computes.

-- CREATE OR REPLACE resets what the statement does not say, LEAKPROOF among them, and only a superuser may set it
-- again: without it full-text search under row-level security cannot use the index (V5). So a migration that could
-- not mark it again refuses to replace it, rather than leave every search walking the documents.
DO $$
BEGIN
    IF (SELECT proleakproof FROM pg_proc WHERE oid = 'document_search_words(text,tsvector)'::regprocedure)
       AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'V6 replaces document_search_words, which is LEAKPROOF, and only a superuser can mark it so'
            ' again: run this migration as a superuser, as V5 was';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION document_search_words(organization_id TEXT, words TSVECTOR) RETURNS TSVECTOR
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    tag CONSTANT TEXT := left(encode(sha256(convert_to(organization_id, 'UTF8')), 'hex'), 16);
    tagged TSVECTOR;
    complete BOOLEAN;
BEGIN
    -- strip also detoasts: pg_column_size then gives the raw size (lexemes, 4 bytes each and a header), an upper
    -- bound of the lexemes' bytes, where a stored column's would be its compressed size.
    words := strip(words);
    IF pg_column_size(words) + 20 * length(words) <= 1000000 THEN
        SELECT coalesce(array_to_tsvector(array_agg(tag || lexeme) FILTER (WHERE octet_length(lexeme) <= 2026)), ''),
               coalesce(bool_and(octet_length(lexeme) <= 2026), true)
        INTO tagged, complete
        FROM unnest(tsvector_to_array(words)) AS lexeme;
    ELSE
        SELECT coalesce(array_to_tsvector(array_agg(tag || lexeme) FILTER (WHERE fits)), ''),
               coalesce(bool_and(fits), true)
        INTO tagged, complete
        FROM (SELECT lexeme, octet_length(lexeme) + 20 <= 2046
                         AND sum(octet_length(lexeme) + 20) OVER (ORDER BY lexeme COLLATE "C") <= 1000000 AS fits
              FROM unnest(tsvector_to_array(words)) AS lexeme) sized;
    END IF;
    IF NOT complete THEN
        tagged := tagged || array_to_tsvector(ARRAY[tag || ' ']);
    END IF;
    RETURN tagged;
END
$$;

DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION document_search_words(TEXT, TSVECTOR) LEAKPROOF;
    ELSE
        RAISE WARNING 'not a superuser: full-text search cannot use its GIN index under row-level security';
    END IF;
END
$$;
