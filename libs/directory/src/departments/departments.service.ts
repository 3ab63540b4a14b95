import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, decodeCursor, notFound, pageSize, toConnection, type Connection } from '@plein/core';
import { DataSource, In } from 'typeorm';
import { Department } from '../entities/department.entity.js';
import { Person } from '../entities/person.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The org neighbourhood: departments, their sub-departments and members, managers' direct reports. */
@Injectable()
export class DepartmentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string): Promise<Department> {
    const department = UUID.test(id) ? await this.db.getRepository(Department).findOneBy({ id }) : null;
    if (!department) throw notFound('No department with this id.');
    return department;
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
      const [family, given, id] = decodeCursor(after, 3);
      if (typeof family !== 'string' || typeof given !== 'string' || typeof id !== 'string' || !UUID.test(id)) {
        throw badInput('The cursor is not valid. Start again from the first page.', { field: 'after' });
      }
      qb.andWhere('(p.family_name, p.given_name, p.id) > (:family, :given, CAST(:id AS uuid))', { family, given, id });
    }
    return toConnection(await qb.getMany(), size, (p) => [p.familyName, p.givenName, p.id]);
  }
}
