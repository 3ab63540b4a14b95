import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { displayNameOf, EmploymentType, Person, Role } from '../entities/person.entity.js';
import type { ScimFilterTerm } from './scim-filter.js';
import { ScimExternalId } from './scim-token.entity.js';
import { applyPatch, isObject, patchOperationsOf, type ScimJson } from './scim-user.document.js';
import { isUuid } from '@plein/core';
import { personToScim, scimToInput, versionOf, type ScimUserInput, type StoredUser } from './scim-user.mapper.js';
import { invalidSyntax, invalidValue, ScimError, scimNotFound, uniqueness } from './scim.errors.js';

export interface ScimPage {
  totalResults: number;
  startIndex: number;
  users: StoredUser[];
}

/** Largest page a client may ask for (advertised as filter.maxResults). */
export const SCIM_MAX_RESULTS = 200;

/**
 * SCIM 2.0 provisioning of the people directory. Every write (POST, PUT, PATCH) ends in one
 * `write`: validate the whole resource, check uniqueness, resolve department and manager, store.
 * DELETE deactivates: a leaver's posts and history stay attributed.
 */
@Injectable()
export class ScimUsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string): Promise<StoredUser> {
    const user = isUuid(id) ? (await this.load(this.db.manager, [id.toLowerCase()]))[0] : undefined;
    if (!user) throw scimNotFound(`No User with id "${id}".`);
    return user;
  }

  async list(terms: ScimFilterTerm[], startIndex: number, count: number): Promise<ScimPage> {
    const qb = this.db.getRepository(Person).createQueryBuilder('p');
    terms.forEach((t, i) => {
      const param = `v${i}`;
      switch (t.attribute) {
        case 'id':
          if (typeof t.value !== 'string' || !isUuid(t.value)) qb.andWhere('false');
          else qb.andWhere(`p.id = :${param}`, { [param]: t.value.toLowerCase() });
          break;
        case 'userName':
          qb.andWhere(`lower(p.uid) = lower(:${param})`, { [param]: t.value });
          break;
        case 'emails.value':
          qb.andWhere(`p.email = lower(:${param})`, { [param]: t.value });
          break;
        case 'externalId':
          qb.andWhere(`EXISTS (SELECT 1 FROM scim_external_ids x WHERE x.person_id = p.id AND x.external_id = :${param})`, { [param]: t.value });
          break;
        case 'employeeNumber':
          qb.andWhere(`p.employee_number = :${param}`, { [param]: t.value });
          break;
        case 'active':
          qb.andWhere(`p.active = :${param}`, { [param]: t.value });
          break;
        default: {
          const exhaustive: never = t.attribute;
          throw new Error(`unhandled filter attribute ${String(exhaustive)}`);
        }
      }
    });
    const totalResults = await qb.getCount();
    if (count === 0 || startIndex > totalResults) return { totalResults, startIndex, users: [] };
    const ids = await qb
      .select('p.id', 'id')
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .offset(startIndex - 1)
      .limit(count)
      .getRawMany<{ id: string }>();
    return { totalResults, startIndex, users: await this.load(this.db.manager, ids.map((r) => r.id)) };
  }

  create(body: ScimJson): Promise<StoredUser> {
    const input = scimToInput(body);
    return this.write(null, input);
  }

  async replace(id: string, body: ScimJson, ifMatch?: string): Promise<StoredUser> {
    const current = await this.get(id);
    checkVersion(current, ifMatch);
    return this.write(current, scimToInput(body));
  }

  async patch(id: string, body: unknown, ifMatch: string | undefined, baseUrl: string): Promise<StoredUser> {
    if (!isObject(body)) throw invalidSyntax('The body must be a JSON object (a SCIM PatchOp).');
    const operations = patchOperationsOf(body);
    const current = await this.get(id);
    checkVersion(current, ifMatch);
    const patched = applyPatch(personToScim(current, baseUrl), operations);
    return this.write(current, scimToInput(patched));
  }

  /** DELETE: deactivates. The person can no longer log in; the row and its history stay. */
  async deactivate(id: string, ifMatch?: string): Promise<void> {
    const current = await this.get(id);
    checkVersion(current, ifMatch);
    await this.db
      .getRepository(Person)
      .update({ id: current.person.id }, { active: false, deactivatedAt: current.person.deactivatedAt ?? new Date() });
  }

  private async write(current: StoredUser | null, input: ScimUserInput): Promise<StoredUser> {
    try {
      const id = await this.db.transaction(async (em) => {
        const existing = current?.person ?? null;
        // A person HR made before their first login has no uid; SCIM shows their email as userName,
        // and writing that back must not turn the email into their LDAP login name.
        const uid = existing && existing.uid === null && input.uid === existing.email ? null : input.uid;
        await this.assertUnique(em, existing?.id ?? null, { ...input, uid });
        const departmentId = input.department ? await this.departmentFor(em, input.department) : null;
        if (input.managerId) await this.assertManager(em, existing?.id ?? null, input.managerId);
        const active = input.active ?? existing?.active ?? true;
        const fields = {
          uid,
          employeeNumber: input.employeeNumber,
          givenName: input.givenName,
          familyNamePrefix: input.familyNamePrefix,
          familyName: input.familyName,
          preferredName: input.preferredName,
          displayName: displayNameOf(input),
          email: input.email,
          jobTitle: input.jobTitle,
          // Least privilege until HR says otherwise, as for an unknown LDAP employeeType.
          employmentType: input.employmentType ?? existing?.employmentType ?? EmploymentType.CONTRACTOR,
          departmentId,
          managerId: input.managerId,
          location: input.location,
          phone: input.phone,
          active,
          deactivatedAt: active ? null : (existing?.deactivatedAt ?? new Date()),
        };
        let personId: string;
        if (existing) {
          personId = existing.id;
          await em.getRepository(Person).update({ id: personId }, fields);
        } else {
          const inserted = await em.getRepository(Person).insert({ ...fields, roles: [Role.MEMBER] });
          personId = (inserted.identifiers[0] as { id: string }).id;
        }
        const externalId = input.externalId;
        if (externalId === null) {
          await em.getRepository(ScimExternalId).delete({ personId });
        } else if (externalId !== current?.externalId) {
          await em.getRepository(ScimExternalId).upsert({ personId, externalId }, ['personId']);
        }
        return personId;
      });
      return await this.get(id);
    } catch (err) {
      // Two clients writing the same userName at once: the unique index decides.
      if (typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505') {
        throw uniqueness('Another User already has this userName, email, employeeNumber or externalId.');
      }
      throw err;
    }
  }

  private async assertUnique(em: EntityManager, selfId: string | null, input: Omit<ScimUserInput, 'uid'> & { uid: string | null }): Promise<void> {
    const rows: { uid: string | null; email: string; employee_number: string | null }[] = await em.query(
      `SELECT uid, email, employee_number FROM people
        WHERE ($1::uuid IS NULL OR id <> $1) AND (lower(uid) = lower($2) OR email = $3 OR employee_number = $4)`,
      [selfId, input.uid, input.email, input.employeeNumber],
    );
    for (const r of rows) {
      if (input.uid && r.uid?.toLowerCase() === input.uid) throw uniqueness(`Another User already has the userName "${input.uid}".`);
      if (r.email === input.email) throw uniqueness(`Another User already has the email "${input.email}".`);
      if (input.employeeNumber && r.employee_number === input.employeeNumber) {
        throw uniqueness(`Another User already has the employeeNumber "${input.employeeNumber}".`);
      }
    }
    if (input.externalId) {
      const taken = await em.getRepository(ScimExternalId).findOneBy({ externalId: input.externalId });
      if (taken && taken.personId !== selfId) throw uniqueness(`Another User already has the externalId "${input.externalId}".`);
    }
  }

  private async assertManager(em: EntityManager, selfId: string | null, managerId: string): Promise<void> {
    if (managerId === selfId) throw invalidValue('A User cannot be their own manager.');
    const exists = await em.getRepository(Person).existsBy({ id: managerId });
    if (!exists) throw invalidValue(`"manager.value" "${managerId}" is not the id of a Plein user.`);
    if (!selfId) return;
    // The org chart is a tree: the new manager may not report (indirectly) to this person.
    const loop: unknown[] = await em.query(
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT p.manager_id, c.depth + 1 FROM people p JOIN chain c ON p.id = c.id
          WHERE p.manager_id IS NOT NULL AND c.depth < 100
       )
       SELECT 1 FROM chain WHERE id = $2 LIMIT 1`,
      [managerId, selfId],
    );
    if (loop.length > 0) throw invalidValue('This manager reports to the User, directly or indirectly: that would make a loop in the org chart.');
  }

  /**
   * The department HR names, by code or else by name (case-insensitive). An unknown one is created
   * at the top of the tree: HR suites send department names Plein has not seen, and refusing the
   * person would stop their whole provisioning run.
   */
  private async departmentFor(em: EntityManager, nameOrCode: string): Promise<string> {
    const found: { id: string }[] = await em.query(
      `SELECT id FROM departments WHERE lower(code) = lower($1) OR lower(name) = lower($1)
        ORDER BY (lower(code) = lower($1)) DESC, created_at LIMIT 1`,
      [nameOrCode],
    );
    if (found[0]) return found[0].id;
    const base = codeOf(nameOrCode);
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO departments (code, name)
       SELECT candidate, $2 FROM (
         SELECT $1::text AS candidate, 0 AS n
         UNION ALL SELECT left($1::text, 59) || '-' || g, g FROM generate_series(2, 99) g
       ) c
       WHERE NOT EXISTS (SELECT 1 FROM departments d WHERE d.code = c.candidate)
       ORDER BY n LIMIT 1
       RETURNING id`,
      [base, nameOrCode],
    );
    if (!inserted[0]) throw invalidValue(`Could not create the department "${nameOrCode}".`);
    return inserted[0].id;
  }

  private async load(em: EntityManager, ids: string[]): Promise<StoredUser[]> {
    if (ids.length === 0) return [];
    const people = await em.getRepository(Person).find({ where: { id: In(ids) }, relations: { department: true, manager: true } });
    const external = await em.getRepository(ScimExternalId).findBy({ personId: In(ids) });
    const externalBy = new Map(external.map((x) => [x.personId, x.externalId]));
    const byId = new Map(people.map((p) => [p.id, p]));
    return ids
      .map((id) => byId.get(id))
      .filter((p): p is Person => p !== undefined)
      .map((p) => ({
        person: p,
        department: p.department ?? null,
        manager: p.manager ? { id: p.manager.id, displayName: p.manager.displayName } : null,
        externalId: externalBy.get(p.id) ?? null,
      }));
  }
}

/** "Network Operations" → "NETWORK-OPERATIONS": a readable code for a department HR created by name. */
function codeOf(name: string): string {
  const code = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return code || 'DEPT';
}

/** If-Match (RFC 7644 §3.14): refuse to overwrite a version the client has not seen. */
function checkVersion(current: StoredUser, ifMatch: string | undefined): void {
  if (!ifMatch || ifMatch.trim() === '*') return;
  const wanted = ifMatch.split(',').map((s) => s.trim());
  if (!wanted.includes(versionOf(current.person))) {
    throw new ScimError(412, 'The User changed since the version in If-Match; read it again.');
  }
}
