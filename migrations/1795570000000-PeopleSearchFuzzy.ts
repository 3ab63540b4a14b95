import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff search's second chance: `people_search_query_fuzzy(query)` builds the same tsqueries as
 * `people_search_query` (migration PeopleSearch), but every token of three letters or more also
 * matches the words one letter away from it (a letter missing, one too many, or one wrong), so
 * "van der brg" finds Jan van der Berg. The search service only calls it when the exact search found
 * nobody, so the hot path and its plan stay as they were.
 *
 * Candidates come from the trigram index on `people_search_words` with a lower threshold (set on the
 * function only), then the one-edit test keeps the real near misses.
 */
export class PeopleSearchFuzzy1795570000000 implements MigrationInterface {
  name = 'PeopleSearchFuzzy1795570000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION plein_one_edit(a text, b text) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT CASE
          WHEN length(a) = length(b) + 1 THEN EXISTS (SELECT 1 FROM generate_series(1, length(a)) i WHERE overlay(a PLACING '' FROM i FOR 1) = b)
          WHEN length(b) = length(a) + 1 THEN EXISTS (SELECT 1 FROM generate_series(1, length(b)) i WHERE overlay(b PLACING '' FROM i FOR 1) = a)
          WHEN length(a) = length(b) THEN (SELECT count(*) FROM generate_series(1, length(a)) i WHERE substr(a, i, 1) <> substr(b, i, 1)) <= 1
          ELSE false
        END
      $$
    `);
    await q.query(`
      CREATE FUNCTION people_search_query_fuzzy(query text, OUT tsq tsquery, OUT exact tsquery, OUT phrase text)
      LANGUAGE plpgsql STABLE PARALLEL SAFE
      SET pg_trgm.similarity_threshold = 0.2
      AS $$
      DECLARE
        tokens text[] := (plein_search_tokens(query))[1:8];
        tok text;
        alts text;
        m text := '';
        e text := '';
      BEGIN
        IF cardinality(tokens) = 0 THEN
          RETURN;
        END IF;
        FOREACH tok IN ARRAY tokens LOOP
          alts := '''' || tok || ''':*';
          IF length(tok) >= 3 THEN
            SELECT alts || coalesce(string_agg(' | ''' || f.word || '''', ''), '') INTO alts
            FROM (
              SELECT w.word FROM people_search_words w
              WHERE w.word % tok AND w.word NOT LIKE tok || '%'
                AND (plein_one_edit(w.word, tok) OR (length(tok) >= 4 AND similarity(w.word, tok) >= 0.4))
              ORDER BY similarity(w.word, tok) DESC, w.word
              LIMIT 8
            ) f;
          END IF;
          m := m || CASE WHEN m = '' THEN '' ELSE ' & ' END || '(' || alts || ')';
          e := e || CASE WHEN e = '' THEN '' ELSE ' & ' END || '''' || tok || '''';
        END LOOP;
        tsq := m::tsquery;
        exact := e::tsquery;
        phrase := array_to_string(tokens, ' ');
      END
      $$
    `);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION people_search_query_fuzzy(text)`);
    await q.query(`DROP FUNCTION plein_one_edit(text, text)`);
  }
}
