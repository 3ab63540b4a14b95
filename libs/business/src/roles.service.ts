import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, notFound } from '@plein/core';
import { PeopleService, PersonRolesService, type Person, type Role } from '@plein/directory';
import { PolicyService, userRoom, type Actor } from '@plein/policy';
import { appendLiveEvents } from '@plein/realtime';
import { DataSource } from 'typeorm';
import { GrantableRole } from './models/business.model.js';

const GRANTABLE = Object.values(GrantableRole) as string[];

/**
 * Grants and revokes the business roles (notice_publisher, vacancy_poster). Admins only
 * (policy 'role.grant'); other roles are out of reach here. The directory stores the roles
 * (PersonRolesService); the live event is written here, in the same transaction. The actor is
 * rebuilt from the person's row on every request, so a grant takes effect on the person's next request.
 */
@Injectable()
export class RolesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly people: PeopleService,
    private readonly roles: PersonRolesService,
  ) {}

  async set(actor: Actor, personId: string, role: unknown, grant: boolean): Promise<Person> {
    this.policy.assert(actor, 'role.grant');
    if (typeof role !== 'string' || !GRANTABLE.includes(role)) throw badInput('Only notice_publisher and vacancy_poster can be granted here.', { field: 'role', messageKey: 'input.unknownChoice' });
    if (!isUuid(personId)) throw notFound('No person with this id.');
    await this.db.transaction(async (em) => {
      const changed = await this.roles.setRole(personId, role as Role, grant, em);
      if (changed) await appendLiveEvents(em, [{ audience: userRoom(personId), type: 'roles.changed', payload: { role, granted: grant } }]);
    });
    const person = await this.people.findById(personId);
    if (!person) throw notFound('No person with this id.');
    return person;
  }
}
