import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../entities/person.entity.js';

/**
 * A bearer token an admin made for an HR suite or identity provider (Entra ID, Okta) to provision
 * people over SCIM. The secret is shown once; only its SHA-256 is kept. Revoked, never deleted, so
 * the list shows who had access and until when.
 */
@Entity('scim_tokens')
export class ScimToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** The last four characters of the secret, so an admin can tell tokens apart. */
  @Column({ type: 'varchar', length: 8 })
  hint: string;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Person | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/**
 * The identifier the provisioning client knows a person by (SCIM `externalId`: Entra's objectId,
 * Okta's id, the HR system's key). Kept beside `people` rather than in it: only SCIM reads it.
 */
@Entity('scim_external_ids')
export class ScimExternalId {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Index({ unique: true })
  @Column({ name: 'external_id', type: 'varchar', length: 255 })
  externalId: string;
}
