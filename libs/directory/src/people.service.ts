import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@plein/policy';
import { DataSource, In } from 'typeorm';
import { Department } from './entities/department.entity.js';
import { displayNameOf, EmploymentType, Person, Role } from './entities/person.entity.js';

/** What an LDAP entry tells us about a person we have not met before. */
export interface DirectoryProfile {
  uid: string;
  givenName: string;
  familyNamePrefix: string | null;
  familyName: string;
  email: string;
  employeeNumber: string | null;
  employmentType: EmploymentType;
  departmentCode: string | null;
  jobTitle: string | null;
  location: string | null;
}

export function actorOf(p: Person): Actor {
  return {
    personId: p.id,
    uid: p.uid,
    displayName: p.displayName,
    employmentType: p.employmentType,
    departmentId: p.departmentId,
    roles: p.roles,
  };
}

@Injectable()
export class PeopleService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: string): Promise<Person | null> {
    return this.db.getRepository(Person).findOneBy({ id });
  }

  /**
   * The actor of an active person (null for an unknown or inactive one), in one lean statement:
   * a request's hot path. `suspensionSql` is an expression over `p` giving the end of a current
   * suspension (registered by the moderation lib through ActorService), or null for none.
   */
  async findActiveActor(id: string, suspensionSql: string | null): Promise<{ actor: Actor; suspendedUntil: Date | null } | null> {
    const rows: { id: string; uid: string | null; displayName: string; employmentType: Actor['employmentType']; departmentId: string | null; roles: Actor['roles']; suspendedUntil: Date | null }[] =
      await this.db.query(
        `SELECT p.id, p.uid, p.display_name AS "displayName", p.employment_type::text AS "employmentType", p.department_id AS "departmentId",
                p.roles::text[] AS roles, ${suspensionSql ?? 'NULL::timestamptz'} AS "suspendedUntil"
           FROM people p WHERE p.id = $1 AND p.active`,
        [id],
      );
    const r = rows[0];
    if (!r) return null;
    return { actor: { personId: r.id, uid: r.uid, displayName: r.displayName, employmentType: r.employmentType, departmentId: r.departmentId, roles: r.roles }, suspendedUntil: r.suspendedUntil };
  }

  findByIds(ids: readonly string[]): Promise<Person[]> {
    return this.db.getRepository(Person).findBy({ id: In([...ids]) });
  }

  findDepartmentsByIds(ids: readonly string[]): Promise<Department[]> {
    return this.db.getRepository(Department).findBy({ id: In([...ids]) });
  }

  findByUid(uid: string): Promise<Person | null> {
    return this.db.getRepository(Person).findOneBy({ uid });
  }

  /**
   * The person for a login: matched on uid, else on email or employee number (HR may have
   * provisioned them before their first login), else created from the directory's attributes.
   * Returns the row as stored; the caller refuses inactive people.
   */
  async findOrCreateFromDirectory(profile: DirectoryProfile): Promise<Person> {
    const repo = this.db.getRepository(Person);
    const existing =
      (await repo.findOneBy({ uid: profile.uid })) ??
      (await repo.findOneBy({ email: profile.email.toLowerCase() })) ??
      (profile.employeeNumber ? await repo.findOneBy({ employeeNumber: profile.employeeNumber }) : null);
    if (existing) {
      if (existing.uid === null) {
        await repo.update({ id: existing.id }, { uid: profile.uid });
        existing.uid = profile.uid;
      }
      return existing;
    }
    const department = profile.departmentCode
      ? await this.db.getRepository(Department).findOneBy({ code: profile.departmentCode })
      : null;
    // Two first logins at once: ON CONFLICT makes the second a no-op, then both read the same row.
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        uid: profile.uid,
        employeeNumber: profile.employeeNumber,
        givenName: profile.givenName,
        familyNamePrefix: profile.familyNamePrefix,
        familyName: profile.familyName,
        preferredName: null,
        displayName: displayNameOf(profile),
        email: profile.email.toLowerCase(),
        jobTitle: profile.jobTitle,
        employmentType: profile.employmentType,
        departmentId: department?.id ?? null,
        location: profile.location,
        active: true,
        roles: [Role.MEMBER],
      })
      .orIgnore()
      .execute();
    const created = await repo.findOneBy({ uid: profile.uid });
    if (!created) throw new Error(`Could not create a person for uid ${profile.uid} (email or employee number in use)`);
    return created;
  }
}
