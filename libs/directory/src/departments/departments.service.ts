import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, parseCursor, notFound, pageSize, toConnection, type Connection } from '@plein/core';
import { DataSource, In } from 'typeorm';
import { Department } from '../entities/department.entity.js';
import { Person } from '../entities/person.entity.js';


/** The org neighbourhood: departments, their sub-departments and members, managers' direct reports. */
@Injectable()
export class DepartmentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string): Promise<Department> {
    const department = isUuid(id) ? await this.db.getRepository(Department).findOneBy({ id }) : null;
    if (!department) throw notFound('No department with this id.');
    return department;
  }

  /**
   * Every department by name (then code), for pickers; `query` narrows to names or codes containing
   * it, ignoring case and accents. At most `first` (1-1000, default 50).
   */
  async list(query?: string | null, first?: number | null): Promise<Department[]> {
    const q = (query ?? '').trim();
    if (q.length > 100) throw badInput('Search with at most 100 characters.', { field: 'query', max: 100, messageKey: 'input.tooLong' });
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badInput('first must be between 1 and 1000.', { field: 'first', messageKey: 'input.numberRange' });
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: { id: string }[] = await this.db.query(
      `SELECT d.id FROM departments d
        WHERE $1 = '' OR plein_fold(d.name) LIKE '%' || plein_fold($1) || '%' OR lower(d.code) LIKE lower($2)
        ORDER BY lower(d.name), d.code LIMIT ${limit}`,
      [q, pattern],
    );
    if (!rows.length) return [];
    const byId = new Map((await this.db.getRepository(Department).findBy({ id: In(rows.map((r) => r.id)) })).map((d) => [d.id, d]));
    return rows.map((r) => byId.get(r.id)).filter((d): d is Department => !!d);
  }

  childrenOf(parentIds: readonly string[]): Promise<Department[]> {
    return this.db.getRepository(Department).find({ where: { parentId: In([...parentIds]) }, order: { name: 'ASC', id: 'ASC' } });
  }

  /** Active people whose manager is one of these, by family name then given name. */
  reportsOf(managerIds: readonly string[]): Promise<Person[]> {
    return this.db.getRepository(Person).find({
      where: { managerId: In([...managerIds]), active: true },
      order: { familyName: 'ASC', givenName: 'ASC', id: 'ASC' },
    });
  }

  /** Active members of a department, by family name, then given name (then id, so the keyset is total). */
  async people(departmentId: string, first?: number, after?: string): Promise<Connection<Person>> {
    const size = pageSize(first);
    const qb = this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.department_id = :departmentId', { departmentId })
      .andWhere('p.active = true')
      .orderBy('p.family_name', 'ASC')
      .addOrderBy('p.given_name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(size + 1);
    if (after) {
      const [family, given, id] = parseCursor(after, ['string', 'string', 'uuid']);
      qb.andWhere('(p.family_name, p.given_name, p.id) > (:family, :given, CAST(:id AS uuid))', { family, given, id });
    }
    return toConnection(await qb.getMany(), size, (p) => [p.familyName, p.givenName, p.id]);
  }
}
