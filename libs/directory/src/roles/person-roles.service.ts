import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../entities/person.entity.js';

/**
 * A person's roles (`people.roles`) are directory data: other libs decide who may grant what
 * (policy) and what a grant means to them, and ask the directory to store it. Runs in the caller's
 * transaction so the caller's live event commits with the change.
 */
@Injectable()
export class PersonRolesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Adds (`grant`) or removes one role; true when the person's row changed. */
  async setRole(personId: string, role: Role, grant: boolean, em: EntityManager = this.db.manager): Promise<boolean> {
    const [, changed]: [unknown, number] = await em.query(
      grant
        ? `UPDATE people SET roles = array_append(roles, $2), updated_at = now() WHERE id = $1 AND NOT ($2 = ANY(roles))`
        : `UPDATE people SET roles = array_remove(roles, $2), updated_at = now() WHERE id = $1 AND $2 = ANY(roles)`,
      [personId, role],
    );
    return changed > 0;
  }
}
