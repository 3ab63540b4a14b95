import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Lib boundaries, read from the source (no database): each table belongs to one lib, and a lib
 * writes (INSERT, UPDATE, DELETE in its SQL) only its own tables; for another lib's table it calls
 * that lib's service or raises an event. The pairs that still cross are listed in ALLOWED, each
 * with its reason; a new crossing fails, and so does an allowed pair that no longer occurs, so the
 * list (and its count) can only go down. The libs' import graph stays acyclic.
 *
 * Ownership: the lib whose entity (`@Entity('name')`) maps the table; tables the ORM never maps
 * (created in SQL by a migration) are in SQL_ONLY_OWNERS. Every table a migration creates must have
 * exactly one owner.
 */

const ROOT = join(import.meta.dirname, '..');
const LIBS = join(ROOT, 'libs');

/** Tables and views that migrations create in SQL and no entity maps, by owning lib. */
const SQL_ONLY_OWNERS: Record<string, string> = {
  barriers: 'barriers',
  barrier_segments: 'barriers',
  barrier_segment_departments: 'barriers',
  barrier_segment_members: 'barriers',
  barrier_read_blocks: 'barriers',
  barrier_suspensions: 'barriers',
  barrier_audit: 'barriers',
  blog_covers: 'blogs',
  campaigns: 'insights',
  campaign_band_keys: 'insights',
  message_fingerprints: 'insights',
  insight_rollups: 'insights',
  person_activity_days: 'insights',
  ambassadors: 'insights',
  people_search: 'directory',
  people_search_words: 'directory',
  suggestion_dismissals: 'directory',
  mail_people: 'mail',
  mail_digest_ledger: 'mail',
  socket_io_attachments: 'realtime',
};

/**
 * `writer → table` pairs that still cross a boundary, with the reason each stays for now. Remove an
 * entry when its write moves behind the owner's service (the test then insists).
 */
const KIND_STATES =
  'moderation/item-states.ts sets the moderation state of each kind of content; the ContentKind contract (issue 19) moves "hide" and "remove" into the lib that owns the kind';
const ALLOWED: Record<string, string> = {
  'moderation → messages (messages)': KIND_STATES,
  'moderation → blog_posts (blogs)': `${KIND_STATES} (also the post's comment_count when a comment is hidden)`,
  'moderation → blog_comments (blogs)': KIND_STATES,
  'moderation → groups (groups)': KIND_STATES,
  'moderation → photos (directory)': KIND_STATES,
  'moderation → people (directory)': `${KIND_STATES}: hiding a photo takes it off the person (people.photo_id), in the decision's transaction`,
  'moderation → person_profiles (directory)': `${KIND_STATES}: a profile's state, and clearing its own text on removal`,
};

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

const libOf = (file: string): string => relative(LIBS, file).split('/')[0];
const libFiles = walk(LIBS);
const libNames = readdirSync(LIBS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/** Table → owning lib, and entity class → table (for TypeORM repository writes). */
function owners(): { owner: Map<string, string>; entityTable: Map<string, string> } {
  const owner = new Map<string, string>();
  const entityTable = new Map<string, string>();
  const claim = (table: string, lib: string, where: string) => {
    const had = owner.get(table);
    if (had && had !== lib) throw new Error(`${table} is claimed by ${had} and ${lib} (${where})`);
    owner.set(table, lib);
  };
  for (const file of libFiles) {
    for (const m of readFileSync(file, 'utf8').matchAll(/@Entity\(\s*(?:\{\s*name:\s*)?'([a-z_0-9]+)'[^]*?export class (\w+)/g)) {
      claim(m[1], libOf(file), file);
      entityTable.set(m[2], m[1]);
    }
  }
  for (const [table, lib] of Object.entries(SQL_ONLY_OWNERS)) claim(table, lib, 'SQL_ONLY_OWNERS');
  return { owner, entityTable };
}

function createdByMigrations(): Set<string> {
  const dir = join(ROOT, 'migrations');
  const tables = new Set<string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const sql = readFileSync(join(dir, f), 'utf8');
    for (const m of sql.matchAll(/CREATE\s+(?:UNLOGGED\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z_0-9]+)"?/gi)) tables.add(m[1]);
  }
  return tables;
}

interface Write {
  pair: string;
  at: string;
}

/**
 * The tables a piece of source writes, with their offsets: SQL (INSERT INTO / UPDATE / DELETE FROM)
 * and TypeORM writes through an entity (`getRepository(E).save|insert|update|delete|upsert|...`,
 * `em.save(E, ...)`, `.insert().into(E)`).
 */
function writtenTables(text: string, owner: Map<string, string>, entityTable: Map<string, string>): { table: string; index: number }[] {
  const sql = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?"?([a-z_0-9]+)"?/g;
  const orm = /getRepository\((\w+)\)\s*\.(?:save|insert|update|delete|upsert|increment|decrement|softDelete|remove)\b|\.(?:save|insert|update|delete|upsert|increment|decrement|remove)\((\w+),|\.into\((\w+)\)/g;
  // Only known tables count: `DO UPDATE SET`, `FOR UPDATE SKIP LOCKED` name none.
  const fromSql = [...text.matchAll(sql)].map((m) => ({ table: m[1], index: m.index }));
  const fromOrm = [...text.matchAll(orm)].map((m) => ({ table: entityTable.get(m[1] ?? m[2] ?? m[3]) ?? '', index: m.index }));
  return [...fromSql, ...fromOrm].filter((w) => owner.has(w.table)).sort((a, b) => a.index - b.index);
}

/** Every write into a table owned by another lib, with where it is. */
function crossWrites(owner: Map<string, string>, entityTable: Map<string, string>): Write[] {
  const found: Write[] = [];
  for (const file of libFiles) {
    const lib = libOf(file);
    const text = readFileSync(file, 'utf8');
    for (const { table, index } of writtenTables(text, owner, entityTable)) {
      const tableOwner = owner.get(table)!;
      if (tableOwner === lib) continue;
      const line = text.slice(0, index).split('\n').length;
      found.push({ pair: `${lib} → ${table} (${tableOwner})`, at: `${relative(ROOT, file)}:${line}` });
    }
  }
  return found;
}

function libImports(): Map<string, Set<string>> {
  const deps = new Map<string, Set<string>>(libNames.map((l) => [l, new Set<string>()]));
  for (const file of libFiles) {
    const lib = libOf(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '@plein\/([a-z-]+)/g)) if (m[1] !== lib) deps.get(lib)!.add(m[1]);
  }
  return deps;
}

describe('lib boundaries', () => {
  const { owner, entityTable } = owners();

  it('gives every table a migration creates exactly one owning lib', () => {
    const unowned = [...createdByMigrations()].filter((t) => !owner.has(t)).sort();
    expect(unowned).toEqual([]);
    expect(Object.values(SQL_ONLY_OWNERS).every((lib) => libNames.includes(lib))).toBe(true);
  });

  it('reads the writes out of SQL text (the scanner sees what it must)', () => {
    const sql = `INSERT INTO notifications (person_id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET read_at = NULL;
      UPDATE people p SET roles = $2; DELETE FROM "follows" WHERE true;
      SELECT 1 FROM groups FOR UPDATE SKIP LOCKED; WITH gone AS (DELETE FROM ONLY group_pins RETURNING 1) SELECT 1;
      await em.getRepository(Person).update({ id }, { active: false }); await em.save(Photo, photo); qb.insert().into(ProfileField);
      await em.getRepository(Group).findOneBy({ id });`;
    expect(writtenTables(sql, owner, entityTable).map((w) => w.table)).toEqual(['notifications', 'people', 'follows', 'group_pins', 'people', 'photos', 'profile_fields']);
    expect(owner.get('notifications')).toBe('notifications');
    expect(owner.get('people')).toBe('directory');
    expect(owner.get('barrier_segments')).toBe('barriers');
  });

  it('lets no lib write another lib’s tables beyond the allowed, shrinking list', () => {
    const writes = crossWrites(owner, entityTable);
    const pairs = [...new Set(writes.map((w) => w.pair))].sort();
    const unexpected = writes.filter((w) => !(w.pair in ALLOWED)).map((w) => `${w.pair} at ${w.at}`);
    expect(unexpected).toEqual([]);
    // An allowed pair that no longer occurs must leave the list, so the count only goes down.
    expect(Object.keys(ALLOWED).filter((p) => !pairs.includes(p))).toEqual([]);
    expect(Object.values(ALLOWED).every((reason) => reason.trim().length > 20)).toBe(true);
  });

  it('keeps the libs’ import graph acyclic', () => {
    const deps = libImports();
    const cycles: string[] = [];
    const visit = (lib: string, path: string[]) => {
      for (const next of deps.get(lib) ?? []) {
        if (path.includes(next)) cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else visit(next, [...path, next]);
      }
    };
    for (const lib of libNames) visit(lib, [lib]);
    expect([...new Set(cycles)]).toEqual([]);
    // The cycle this test was written against, by name: identity needs directory, never the reverse.
    expect(deps.get('identity')?.has('directory')).toBe(true);
    expect(deps.get('directory')?.has('identity')).toBe(false);
  });
});
