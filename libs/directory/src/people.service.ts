import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReadReplicas } from '@plein/core';
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
  /** The manager's uid, when the directory names one (LDAP `manager`). */
  managerUid?: string | null;
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
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: ReadReplicas,
  ) {}

  findById(id: string): Promise<Person | null> {
    return this.db.getRepository(Person).findOneBy({ id });
  }

  /**
   * Is the demo organisation in this directory (its first demo colleague, active)? Only then does the
   * login screen show the demo accounts and their shared password. A real directory never has it.
   */
  async demoOrganisationSeeded(): Promise<boolean> {
    const [row]: { seeded: boolean }[] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM people WHERE uid = 'demo.employee' AND active) AS seeded`);
    return row.seeded;
  }

  /**
   * The actor of an active person (null for an unknown or inactive one), in one lean statement:
   * a request's hot path. `suspensionSql` is an expression over `p` giving the end of a current
   * suspension (registered by the moderation lib through ActorService), or null for none.
   * `session.liveSql` (identity's, over `p` and `$2`) is added to the WHERE: the access token's
   * session must still be live, checked in this same statement.
   */
  async findActiveActor(
    id: string,
    session: { id: string; liveSql: string } | null,
    suspensionSql: string | null,
    groupIdsSql: string | null = null,
    suspendedGroupIdsSql: string | null = null,
  ): Promise<{ actor: Actor; suspendedUntil: Date | null; groupIds: string[] | null; suspendedGroupIds: string[] | null } | null> {
    const text = `SELECT p.id, p.uid, p.display_name AS "displayName", p.employment_type::text AS "employmentType", p.department_id AS "departmentId",
                p.roles::text[] AS roles, ${suspensionSql ?? 'NULL::timestamptz'} AS "suspendedUntil", ${groupIdsSql ?? 'NULL::text[]'} AS "groupIds",
                ${suspendedGroupIdsSql ?? 'NULL::text[]'} AS "suspendedGroupIds"
           FROM people p WHERE p.id = $1 AND p.active${session ? ` AND ${session.liveSql}` : ''}`;
    // Every request runs it: a named statement on the primary, planned once per connection.
    const rows = await this.reads.prepared<{ id: string; uid: string | null; displayName: string; employmentType: Actor['employmentType']; departmentId: string | null; roles: Actor['roles']; suspendedUntil: Date | null; groupIds: string[] | null; suspendedGroupIds: string[] | null }>(
      'actor',
      text,
      session ? [id, session.id] : [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      actor: { personId: r.id, uid: r.uid, displayName: r.displayName, employmentType: r.employmentType, departmentId: r.departmentId, roles: r.roles },
      suspendedUntil: r.suspendedUntil,
      groupIds: r.groupIds,
      suspendedGroupIds: r.suspendedGroupIds,
    };
  }

  /**
   * SQL: the people row behind `alias` as one JSON object keyed by column, so a list query can bring
   * its authors along (the feeds) instead of a second statement; `personFromJson` turns it back.
   */
  personJsonSql(alias: string): string {
    const columns = this.db.getMetadata(Person).columns;
    return `json_build_object(${columns.map((c) => `'${c.databaseName}', ${alias}."${c.databaseName}"`).join(', ')})`;
  }

  /** A Person entity from `personJsonSql`'s object, hydrated as TypeORM would (dates, enums, arrays). */
  personFromJson(json: Record<string, unknown>): Person {
    const metadata = this.db.getMetadata(Person);
    const person = metadata.create() as Person;
    for (const c of metadata.columns) {
      (person as unknown as Record<string, unknown>)[c.propertyName] = this.db.driver.prepareHydratedValue(json[c.databaseName], c);
    }
    return person;
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
    const manager = profile.managerUid ? await repo.findOneBy({ uid: profile.managerUid, active: true }) : null;
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
        managerId: manager?.id ?? null,
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
