import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

export enum NoticeSeverity {
  MINOR = 'minor',
  MAJOR = 'major',
  CRITICAL = 'critical',
}

/** investigating → identified → monitoring → resolved; only forward (see NOTICE_STATUS_ORDER), resolved is final. */
export enum NoticeStatus {
  INVESTIGATING = 'investigating',
  IDENTIFIED = 'identified',
  MONITORING = 'monitoring',
  RESOLVED = 'resolved',
}

export const NOTICE_STATUS_ORDER: readonly NoticeStatus[] = [NoticeStatus.INVESTIGATING, NoticeStatus.IDENTIFIED, NoticeStatus.MONITORING, NoticeStatus.RESOLVED];

export enum NoticeAudience {
  COMPANY = 'company',
  EMPLOYEES = 'employees',
  DEPARTMENTS = 'departments',
}

/**
 * An outage or incident notice. `search_text` holds the title, services, regions and every update's
 * text, so a resolved notice stays findable by what happened (Dutch full text, index in the migration).
 */
@Entity('notices')
@Index(['status', 'createdAt', 'id'])
@Index(['createdAt', 'id'])
@Index('IDX_notices_search_dutch_fts', { synchronize: false })
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  services: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regions: string[];

  @Column({ type: 'varchar', length: 10 })
  severity: NoticeSeverity;

  @Column({ type: 'varchar', length: 20 })
  status: NoticeStatus;

  @Column({ type: 'varchar', length: 20 })
  audience: NoticeAudience;

  /** The chosen departments when audience = departments (they and their sub-departments are reached). */
  @Column({ name: 'department_ids', type: 'uuid', array: true, default: () => "'{}'" })
  departmentIds: string[];

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'expected_end_at', type: 'timestamptz', nullable: true })
  expectedEndAt: Date | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  @Column({ name: 'affected_count', type: 'integer', default: 0 })
  affectedCount: number;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** One step of a notice's timeline. */
@Entity('notice_updates')
@Index(['noticeId', 'createdAt'])
export class NoticeUpdate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'notice_id', type: 'uuid' })
  noticeId: string;

  @Column({ type: 'varchar', length: 20 })
  status: NoticeStatus;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('notice_follows')
export class NoticeFollow {
  @PrimaryColumn({ name: 'notice_id', type: 'uuid' })
  noticeId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A person follows a service by name (stored lower-case): every notice naming it notifies them. */
@Entity('service_follows')
@Index(['service'])
export class ServiceFollow {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  service: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** "I am affected too". The department is the person's at the time (for the per-department count). */
@Entity('notice_affected')
export class NoticeAffected {
  @PrimaryColumn({ name: 'notice_id', type: 'uuid' })
  noticeId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export enum VacancyStatus {
  OPEN = 'open',
  CLOSED = 'closed',
}

/** An internal vacancy. The description is sanitised HTML (the blogs' allowlist); `search_text` its plain text with title and location. */
@Entity('vacancies')
@Index(['status', 'createdAt', 'id'])
@Index(['status', 'closesOn'])
@Index('IDX_vacancies_search_dutch_fts', { synchronize: false })
export class Vacancy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'department_id', type: 'uuid' })
  departmentId: string;

  @Column({ type: 'varchar', length: 100 })
  location: string;

  @Column({ name: 'hours_per_week', type: 'smallint' })
  hoursPerWeek: number;

  /** employee | contractor | freelancer: the kind of contract offered. */
  @Column({ name: 'employment_type', type: 'varchar', length: 20 })
  employmentType: string;

  @Column({ name: 'description_html', type: 'text' })
  descriptionHtml: string;

  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  /** The first day the vacancy is closed (Europe/Amsterdam); the worker closes it then. */
  @Column({ name: 'closes_on', type: 'date' })
  closesOn: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ name: 'poster_id', type: 'uuid' })
  posterId: string;

  @Column({ name: 'open_to_externals', type: 'boolean', default: false })
  openToExternals: boolean;

  @Column({ type: 'varchar', length: 10, default: VacancyStatus.OPEN })
  status: VacancyStatus;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('vacancy_saves')
export class VacancySave {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @PrimaryColumn({ name: 'vacancy_id', type: 'uuid' })
  vacancyId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A saved search: its filters as columns, so matching a new vacancy against all of them is one query. */
@Entity('vacancy_searches')
@Index(['personId'])
export class VacancySearch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  query: string | null;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  location: string | null;

  @Column({ name: 'min_hours', type: 'smallint', nullable: true })
  minHours: number | null;

  @Column({ name: 'max_hours', type: 'smallint', nullable: true })
  maxHours: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('vacancy_interests')
export class VacancyInterest {
  @PrimaryColumn({ name: 'vacancy_id', type: 'uuid' })
  vacancyId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('vacancy_referrals')
@Unique(['vacancyId', 'referrerId', 'colleagueId'])
export class VacancyReferral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'vacancy_id', type: 'uuid' })
  vacancyId: string;

  @Column({ name: 'referrer_id', type: 'uuid' })
  referrerId: string;

  @Column({ name: 'colleague_id', type: 'uuid' })
  colleagueId: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export const BUSINESS_ENTITIES = [Notice, NoticeUpdate, NoticeFollow, ServiceFollow, NoticeAffected, Vacancy, VacancySave, VacancySearch, VacancyInterest, VacancyReferral];
