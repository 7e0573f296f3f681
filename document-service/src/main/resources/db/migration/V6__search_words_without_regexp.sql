-- document_search_words (V5) tags each lexeme by rewriting the vector's text form with a regular expression and
-- parsing it back: about 290 µs per call for a document of 1,000 characters (77 lexemes), on every insert and update
-- of a document (the GIN index's expression) and for each document ANALYZE samples. The same tagged lexemes are
-- built here from the lexemes as an array: about 40 µs. The size budget's window over the sorted lexemes
-- (about 60 µs more) runs only when the stripped vector with 20 bytes per lexeme could exceed it; below that only a
-- lexeme too long to tag is left out.
--
-- The index needs no rebuild: for every vector within the budget the result is byte for byte what V5 returns (its
-- binary form compared over the README's text in chunks, quotes, backslashes and lexemes too long to tag). For a
-- vector over the budget both mark the document (the tag alone), so it is a candidate for every search; V5 also kept
-- some lexemes past the budget (ts_delete with a long array left some of them in), this keeps exactly the budget.
-- Search results do not change: the plain condition decides every match.
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

-- CREATE OR REPLACE resets what the statement does not say, LEAKPROOF among them; without it full-text search
-- under row-level security cannot use the index (V5).
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION document_search_words(TEXT, TSVECTOR) LEAKPROOF;
    ELSE
        RAISE WARNING 'not a superuser: full-text search cannot use its GIN index under row-level security';
    END IF;
END
$$;
