import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Department } from './department.entity.js';

export enum EmploymentType {
  EMPLOYEE = 'employee',
  CONTRACTOR = 'contractor',
  FREELANCER = 'freelancer',
}

export enum Role {
  MEMBER = 'member',
  COMMUNITY_MANAGER = 'community_manager',
  ADMIN = 'admin',
  /** Publishes outage and incident notices (granted by admins: grantRole). */
  NOTICE_PUBLISHER = 'notice_publisher',
  /** Posts internal vacancies without being a manager (granted by admins: grantRole). */
  VACANCY_POSTER = 'vacancy_poster',
}

/**
 * A person with an account: payroll staff, seconded contractors and freelancers alike.
 * HR (import or SCIM) owns name, email, department, manager, employment type and dates;
 * LDAP authenticates (matched on `uid`). A leaver is deactivated, never deleted.
 */
@Entity('people')
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The LDAP login name (uid / sAMAccountName). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 128, nullable: true })
  uid: string | null;

  @Index({ unique: true })
  @Column({ name: 'employee_number', type: 'varchar', length: 64, nullable: true })
  employeeNumber: string | null;

  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName: string;

  /** Dutch tussenvoegsel: "van", "de", "van der", "van 't". */
  @Column({ name: 'family_name_prefix', type: 'varchar', length: 30, nullable: true })
  familyNamePrefix: string | null;

  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName: string;

  @Column({ name: 'preferred_name', type: 'varchar', length: 100, nullable: true })
  preferredName: string | null;

  /** Derived from the name parts on every write: "Jan van der Berg". */
  @Column({ name: 'display_name', type: 'varchar', length: 300 })
  displayName: string;

  /** Stored lower-case; unique regardless of case. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'job_title', type: 'varchar', length: 200, nullable: true })
  jobTitle: string | null;

  @Column({ name: 'employment_type', type: 'enum', enum: EmploymentType, enumName: 'employment_type' })
  employmentType: EmploymentType;

  @Index()
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => Department, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department?: Department | null;

  @Index()
  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId: string | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'manager_id' })
  manager?: Person | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  phone: string | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** When HR (import, SCIM) or an admin deactivated this person; null while active. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  /** The current profile photo (from the HR import or uploaded by the person). */
  @Column({ name: 'photo_id', type: 'uuid', nullable: true })
  photoId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{member}'" })
  roles: Role[];

  /** When the person finished or skipped the first-login welcome; null = still to come. */
  @Column({ name: 'welcomed_at', type: 'timestamptz', nullable: true })
  welcomedAt: Date | null;
  /** The person's language for mail, exports and the web app: 'nl' (default) or 'en'. */
  @Column({ type: 'varchar', length: 2, default: 'nl' })
  language: 'nl' | 'en';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** "Jan van der Berg"; a preferred name (roepnaam) replaces the given name. */
export function displayNameOf(p: {
  givenName: string;
  familyNamePrefix?: string | null;
  familyName: string;
  preferredName?: string | null;
}): string {
  return [p.preferredName || p.givenName, p.familyNamePrefix, p.familyName]
    .map((s) => (s ?? '').trim())
    .filter(Boolean)
    .join(' ');
}
