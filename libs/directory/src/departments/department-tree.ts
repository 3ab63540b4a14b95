import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Read-only questions about the HR department tree (`departments.parent_id`), answered with recursive
 * CTEs. The directory owns the rows; nothing here writes them.
 */
@Injectable()
export class DepartmentTree {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Each person's department and its ancestors: a notice for any of them reaches the person. */
  async chains(personIds: readonly string[], em: EntityManager = this.db.manager): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(personIds.map((id) => [id, []]));
    if (!personIds.length) return result;
    const rows: { person_id: string; chain: string[] }[] = await em.query(
      `WITH RECURSIVE chain(person_id, dept_id, depth) AS (
         SELECT p.id, p.department_id, 0 FROM people p WHERE p.id = ANY($1::uuid[]) AND p.department_id IS NOT NULL
         UNION ALL
         SELECT c.person_id, d.parent_id, c.depth + 1 FROM chain c JOIN departments d ON d.id = c.dept_id
          WHERE d.parent_id IS NOT NULL AND c.depth < 50
       )
       SELECT person_id, array_agg(dept_id ORDER BY depth) AS chain FROM chain GROUP BY person_id`,
      [personIds],
    );
    for (const r of rows) result.set(r.person_id, r.chain);
    return result;
  }

  async chainOf(personId: string, em?: EntityManager): Promise<string[]> {
    return (await this.chains([personId], em)).get(personId) ?? [];
  }

  /** The given departments and everything under them. */
  async subtree(departmentIds: readonly string[], em: EntityManager = this.db.manager): Promise<string[]> {
    if (!departmentIds.length) return [];
    const rows: { id: string }[] = await em.query(
      `WITH RECURSIVE sub(id) AS (
         SELECT d.id FROM departments d WHERE d.id = ANY($1::uuid[])
         UNION
         SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id
       ) SELECT id FROM sub`,
      [departmentIds],
    );
    return rows.map((r) => r.id);
  }

  /** Active people in the given departments or any of their sub-departments. */
  async peopleUnder(departmentIds: readonly string[], em: EntityManager = this.db.manager): Promise<string[]> {
    const depts = await this.subtree(departmentIds, em);
    if (!depts.length) return [];
    const rows: { id: string }[] = await em.query('SELECT id FROM people WHERE active AND department_id = ANY($1::uuid[])', [depts]);
    return rows.map((r) => r.id);
  }

  /** Which of these departments exist. */
  async existing(departmentIds: readonly string[], em: EntityManager = this.db.manager): Promise<Set<string>> {
    if (!departmentIds.length) return new Set();
    const rows: { id: string }[] = await em.query('SELECT id FROM departments WHERE id = ANY($1::uuid[])', [departmentIds]);
    return new Set(rows.map((r) => r.id));
  }
}
