import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Person } from './person.entity.js';

/** Who may see a contact detail: everyone with an account, payroll colleagues only, or nobody. */
export enum Visibility {
  EVERYONE = 'everyone',
  EMPLOYEES = 'employees',
  NOBODY = 'nobody',
}

export interface ContactDetail {
  /** phone, mobile, email, teams, website, … (validated by the service) */
  kind: string;
  value: string;
  visibility: Visibility;
}

export interface ExperienceItem {
  company: string;
  title: string;
  description: string | null;
  location: string | null;
  /** `YYYY-MM` or `YYYY`; null = unknown */
  startedOn: string | null;
  /** null = current */
  finishedOn: string | null;
}

export interface EducationItem {
  school: string;
  degree: string | null;
  notes: string | null;
  activities: string | null;
  startedOn: string | null;
  finishedOn: string | null;
}

export interface LanguageItem {
  name: string;
  proficiency: string | null;
}

export interface CertificationItem {
  name: string;
  authority: string | null;
  url: string | null;
  licenseNumber: string | null;
  startedOn: string | null;
  finishedOn: string | null;
}

/**
 * What the person owns and edits on their profile (LinkedIn import fills it too).
 * HR-owned fields stay on `people`. One row per person, created on first edit.
 */
@Entity('person_profiles')
export class PersonProfile {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'varchar', length: 220, nullable: true })
  headline: string | null;

  @Column({ type: 'text', nullable: true })
  about: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  pronouns: string | null;

  @Column({ name: 'working_location', type: 'varchar', length: 200, nullable: true })
  workingLocation: string | null;

  @Column({ name: 'working_hours', type: 'varchar', length: 200, nullable: true })
  workingHours: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interests: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  languages: LanguageItem[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  experience: ExperienceItem[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  education: EducationItem[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  certifications: CertificationItem[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts: ContactDetail[];

  /** Set by the moderation lib: 'hidden' (pending a decision) or 'removed'. */
  @Column({ name: 'moderation_state', type: 'varchar', length: 10, default: 'visible' })
  moderationState: 'visible' | 'hidden' | 'removed';

  @Column({ name: 'moderation_reason', type: 'text', nullable: true })
  moderationReason: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
