import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff search: a denormalised `people_search` table (one row per person) kept current by triggers
 * on people, person_profiles and departments, so every writer (HR import, SCIM, profile edits, login)
 * updates it without knowing it exists. Not a TypeORM entity on purpose: its GIN indexes would
 * otherwise be dropped by the schema diff. `people_search_words` holds every distinct word once, for
 * typo tolerance (trigram similarity over a few thousand words instead of every row).
 *
 * Triggers are statement-level with transition tables: a bulk import (multi-row INSERT or COPY)
 * refreshes its rows in one set-based statement instead of once per row.
 */
export class PeopleSearch1795342976513 implements MigrationInterface {
  name = 'PeopleSearch1795342976513';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);

    // Lower-case, accents off, punctuation to spaces. unaccent's rules differ between versions (some
    // leave ø, æ, œ, ł, đ alone), so those are mapped explicitly; other scripts (Arabic, Cyrillic)
    // pass through unchanged. IMMUTABLE (with the dictionary named) so it can back indexes.
    // PL/pgSQL rather than SQL: an IMMUTABLE SQL function calling the STABLE unaccent is never
    // inlined, and then costs twice as much per call (it runs ~10 times per person on refresh).
    await q.query(`
      CREATE FUNCTION plein_fold(t text) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
      AS $$
      BEGIN
        RETURN btrim(regexp_replace(
          replace(replace(replace(translate(
            lower(public.unaccent('public.unaccent'::regdictionary, t)),
            'øłđħıŀ’‘´\`“”„–—·', 'oldhil          '),
            'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'),
          '[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f[:space:]]+', ' ', 'g'));
      END
      $$
    `);

    await q.query(`
      CREATE FUNCTION plein_search_tokens(t text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT coalesce(array_agg(w ORDER BY n), '{}')
        FROM regexp_split_to_table(coalesce(plein_fold(t), ''), ' +') WITH ORDINALITY AS x(w, n)
        WHERE w <> ''
      $$
    `);

    await q.query(`
      CREATE TABLE "people_search" (
        "person_id" uuid NOT NULL,
        "active" boolean NOT NULL,
        "department_id" uuid,
        "employment_type" text NOT NULL,
        "location_key" text COLLATE "C" NOT NULL DEFAULT '',
        "sort_key" text COLLATE "C" NOT NULL,
        "name_key" text NOT NULL,
        "skills" text[] NOT NULL DEFAULT '{}',
        "tsv" tsvector NOT NULL,
        CONSTRAINT "PK_people_search" PRIMARY KEY ("person_id"),
        CONSTRAINT "FK_people_search_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE
      )
    `);
    await q.query(`CREATE INDEX "IDX_people_search_tsv" ON "people_search" USING gin ("tsv")`);
    await q.query(`CREATE INDEX "IDX_people_search_skills" ON "people_search" USING gin ("skills")`);
    // Browse (empty query) walks this in order; facets count from it without touching the heap.
    await q.query(`CREATE INDEX "IDX_people_search_sort" ON "people_search" ("sort_key", "person_id") WHERE "active"`);
    await q.query(`CREATE INDEX "IDX_people_search_facets" ON "people_search" ("department_id", "employment_type") WHERE "active"`);

    // Bumped by every refresh: lets api nodes reuse browse facet counts until something changes.
    // A sequence, not a counter row, so concurrent writers (an HR import, profile edits) never queue on it.
    await q.query(`CREATE SEQUENCE "people_search_version"`);

    await q.query(`CREATE TABLE "people_search_words" ("word" text NOT NULL, CONSTRAINT "PK_people_search_words" PRIMARY KEY ("word"))`);
    await q.query(`CREATE INDEX "IDX_people_search_words_trgm" ON "people_search_words" USING gin ("word" gin_trgm_ops)`);

    // The one definition of a search row. NULL = every person (backfill, repair: SELECT people_search_refresh(NULL)).
    // Names weigh A, skills B, job title and department C, location D: ranking follows that order.
    await q.query(`
      CREATE FUNCTION people_search_refresh(ids uuid[]) RETURNS void
      LANGUAGE plpgsql
      AS $$
      BEGIN
        IF ids IS NULL THEN
          ids := ARRAY(SELECT id FROM people);
        END IF;
        INSERT INTO people_search AS s (person_id, active, department_id, employment_type, location_key, sort_key, name_key, skills, tsv)
        SELECT p.id, p.active, p.department_id, p.employment_type::text,
          coalesce(f.loc, ''),
          concat_ws(' ', f.family, coalesce(f.preferred, f.given), f.prefix),
          concat_ws(' ', coalesce(f.preferred, f.given), f.prefix, f.family, f.given),
          coalesce(f.skills, '{}'),
          setweight(to_tsvector('simple', concat_ws(' ', f.given, f.preferred, f.prefix, f.family, replace(concat(f.prefix, f.family), ' ', ''))), 'A')
          || setweight(to_tsvector('simple', coalesce(array_to_string(f.skills, ' '), '')), 'B')
          || setweight(to_tsvector('simple', concat_ws(' ', f.title, f.dept)), 'C')
          || setweight(to_tsvector('simple', coalesce(f.loc, '')), 'D')
        -- a join, not "= ANY(ids)": a bulk import passes thousands of ids
        FROM unnest(ids) AS i(id)
        JOIN people p ON p.id = i.id
        LEFT JOIN person_profiles pp ON pp.person_id = p.id
        LEFT JOIN departments d ON d.id = p.department_id
        -- each field folded once
        CROSS JOIN LATERAL (
          SELECT plein_fold(p.given_name) AS given, nullif(plein_fold(p.preferred_name), '') AS preferred,
            nullif(plein_fold(p.family_name_prefix), '') AS prefix, plein_fold(p.family_name) AS family,
            plein_fold(p.job_title) AS title, plein_fold(d.name) AS dept, plein_fold(p.location) AS loc,
            (SELECT array_agg(DISTINCT x.v) FROM (SELECT plein_fold(sk) AS v FROM unnest(pp.skills) sk) x WHERE x.v <> '') AS skills
        ) f
        ON CONFLICT (person_id) DO UPDATE SET
          active = EXCLUDED.active, department_id = EXCLUDED.department_id, employment_type = EXCLUDED.employment_type,
          location_key = EXCLUDED.location_key, sort_key = EXCLUDED.sort_key, name_key = EXCLUDED.name_key,
          skills = EXCLUDED.skills, tsv = EXCLUDED.tsv
        -- most writes to people (a login, a phone number) change nothing searchable: no new row version
        WHERE (s.active, s.department_id, s.employment_type, s.location_key, s.sort_key, s.name_key, s.skills, s.tsv)
          IS DISTINCT FROM (EXCLUDED.active, EXCLUDED.department_id, EXCLUDED.employment_type, EXCLUDED.location_key,
                            EXCLUDED.sort_key, EXCLUDED.name_key, EXCLUDED.skills, EXCLUDED.tsv);

        INSERT INTO people_search_words (word)
        SELECT DISTINCT w FROM unnest(ids) AS i(id) JOIN people_search s ON s.person_id = i.id, unnest(tsvector_to_array(s.tsv)) w
        WHERE length(w) >= 3
        ORDER BY w
        ON CONFLICT DO NOTHING;

        PERFORM nextval('people_search_version');
      END
      $$
    `);

    // The query side, in one place with the row side above: fold, split into at most 8 tokens; each
    // token matches as a prefix or, from 4 letters on, as one of the 5 nearest known words (trigram
    // similarity ≥ 0.4: "Jansen" ~ "Janssen", "Pieter" ~ "Peter"). tsq is the AND of those; exact is
    // the AND of the tokens themselves (for ranking); phrase the folded query. All NULL for no tokens.
    // PL/pgSQL caches its plans per connection, which keeps the search statement cheap to plan.
    await q.query(`
      CREATE FUNCTION people_search_query(query text, OUT tsq tsquery, OUT exact tsquery, OUT phrase text)
      LANGUAGE plpgsql STABLE PARALLEL SAFE
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
          IF length(tok) >= 4 THEN
            SELECT alts || coalesce(string_agg(' | ''' || f.word || '''', ''), '') INTO alts
            FROM (
              SELECT w.word FROM people_search_words w
              WHERE w.word % tok AND w.word NOT LIKE tok || '%' AND similarity(w.word, tok) >= 0.4
              ORDER BY similarity(w.word, tok) DESC, w.word
              LIMIT 5
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

    await q.query(`
      CREATE FUNCTION people_search_on_people() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM people_search_refresh(ARRAY(SELECT id FROM changed));
        RETURN NULL;
      END $$
    `);
    await q.query(`
      CREATE FUNCTION people_search_on_profiles() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM people_search_refresh(ARRAY(SELECT DISTINCT person_id FROM changed));
        RETURN NULL;
      END $$
    `);
    await q.query(`
      CREATE FUNCTION people_search_on_departments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM people_search_refresh(ARRAY(
          SELECT p.id FROM people p
          JOIN changed n ON n.id = p.department_id
          JOIN previous o ON o.id = n.id
          WHERE o.name IS DISTINCT FROM n.name));
        RETURN NULL;
      END $$
    `);
    await q.query(`CREATE TRIGGER people_search_people_ins AFTER INSERT ON people REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_people()`);
    await q.query(`CREATE TRIGGER people_search_people_upd AFTER UPDATE ON people REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_people()`);
    await q.query(`CREATE TRIGGER people_search_profiles_ins AFTER INSERT ON person_profiles REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_profiles()`);
    await q.query(`CREATE TRIGGER people_search_profiles_upd AFTER UPDATE ON person_profiles REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_profiles()`);
    await q.query(`CREATE TRIGGER people_search_profiles_del AFTER DELETE ON person_profiles REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_profiles()`);
    await q.query(`CREATE TRIGGER people_search_departments_upd AFTER UPDATE ON departments REFERENCING NEW TABLE AS changed OLD TABLE AS previous FOR EACH STATEMENT EXECUTE FUNCTION people_search_on_departments()`);

    await q.query(`SELECT people_search_refresh(NULL)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS people_search_departments_upd ON departments`);
    await q.query(`DROP TRIGGER IF EXISTS people_search_profiles_del ON person_profiles`);
    await q.query(`DROP TRIGGER IF EXISTS people_search_profiles_upd ON person_profiles`);
    await q.query(`DROP TRIGGER IF EXISTS people_search_profiles_ins ON person_profiles`);
    await q.query(`DROP TRIGGER IF EXISTS people_search_people_upd ON people`);
    await q.query(`DROP TRIGGER IF EXISTS people_search_people_ins ON people`);
    await q.query(`DROP FUNCTION people_search_on_departments()`);
    await q.query(`DROP FUNCTION people_search_on_profiles()`);
    await q.query(`DROP FUNCTION people_search_on_people()`);
    await q.query(`DROP FUNCTION people_search_query(text)`);
    await q.query(`DROP FUNCTION people_search_refresh(uuid[])`);
    await q.query(`DROP TABLE "people_search_words"`);
    await q.query(`DROP SEQUENCE "people_search_version"`);
    await q.query(`DROP TABLE "people_search"`);
    await q.query(`DROP FUNCTION plein_search_tokens(text)`);
    await q.query(`DROP FUNCTION plein_fold(text)`);
  }
}
