import type { DataSource } from 'typeorm';
import { Department } from './entities/department.entity.js';
import { displayNameOf, EmploymentType, Person, Role } from './entities/person.entity.js';

export interface SeedDepartment {
  code: string;
  name: string;
  parentCode: string | null;
}
export interface SeedPerson {
  uid: string;
  employeeNumber: string;
  givenName: string;
  familyNamePrefix: string | null;
  familyName: string;
  email: string;
  jobTitle: string;
  employmentType: `${EmploymentType}`;
  departmentCode: string;
  managerUid: string | null;
  location: string;
  roles: `${Role}`[];
}

/**
 * Seeds an organisation into an empty directory, in one transaction (all or nothing).
 * Returns false and changes nothing when people already exist: the seed runs on first start only.
 */
export async function seedOrganisation(db: DataSource, departments: SeedDepartment[], people: SeedPerson[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Serialise concurrent first starts (two api nodes booting at once).
    await tx.query('SELECT pg_advisory_xact_lock(7446101)');
    const count = await tx.getRepository(Person).count();
    if (count > 0) return false;
    const deptIds = new Map<string, string>();
    for (const d of departments) {
      const saved = await tx.getRepository(Department).save({
        code: d.code,
        name: d.name,
        parentId: d.parentCode ? (deptIds.get(d.parentCode) ?? null) : null,
      });
      deptIds.set(d.code, saved.id);
    }
    const personIds = new Map<string, string>();
    for (const p of people) {
      const saved = await tx.getRepository(Person).save({
        uid: p.uid,
        employeeNumber: p.employeeNumber,
        givenName: p.givenName,
        familyNamePrefix: p.familyNamePrefix,
        familyName: p.familyName,
        preferredName: null,
        displayName: displayNameOf(p),
        email: p.email.toLowerCase(),
        jobTitle: p.jobTitle,
        employmentType: p.employmentType as EmploymentType,
        departmentId: deptIds.get(p.departmentCode) ?? null,
        managerId: null,
        location: p.location,
        phone: null,
        startDate: null,
        endDate: null,
        active: true,
        roles: p.roles as Role[],
        // The demo's people have used Plein for a while; only a first login (demo.newcomer) meets the welcome.
        welcomedAt: new Date(),
      });
      personIds.set(p.uid, saved.id);
    }
    for (const p of people) {
      if (p.managerUid && personIds.has(p.managerUid)) {
        await tx.getRepository(Person).update({ id: personIds.get(p.uid) }, { managerId: personIds.get(p.managerUid) });
      }
    }
    return true;
  });
}
