import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Visibility } from './person-profile.entity.js';

export enum ProfileFieldType {
  TEXT = 'text',
  CHOICE = 'choice',
  MULTI_CHOICE = 'multi_choice',
  LINK = 'link',
}

/** Who fills a custom field: the HR import (read-only to the person), the person, or admins. */
export enum ProfileFieldFiller {
  HR = 'hr',
  PERSON = 'person',
  ADMIN = 'admin',
}

/** A company-specific profile field defined by admins (for example "BHV'er", "Team", "Shop number"). */
@Entity('profile_fields')
export class ProfileField {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable key, also the column name a HR import mapping can use: `[a-z][a-z0-9_]*`. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 50 })
  key: string;

  @Column({ name: 'label_nl', type: 'varchar', length: 100 })
  labelNl: string;

  @Column({ name: 'label_en', type: 'varchar', length: 100 })
  labelEn: string;

  @Column({ type: 'varchar', length: 20 })
  type: ProfileFieldType;

  /** Allowed values for choice fields. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  options: string[];

  @Column({ name: 'filled_by', type: 'varchar', length: 10 })
  filledBy: ProfileFieldFiller;

  @Column({ type: 'varchar', length: 10, default: Visibility.EVERYONE })
  visibility: Visibility;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('profile_field_values')
export class ProfileFieldValue {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @PrimaryColumn({ name: 'field_id', type: 'uuid' })
  fieldId: string;

  /** A string for text/choice/link, a string array for multi-choice. */
  @Column({ type: 'jsonb' })
  value: string | string[];
}
