import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A refresh-token session. The token itself is never stored, only its SHA-256. Refresh rotates:
 * the old row is revoked and points at its successor; presenting a revoked token again (a stolen
 * copy) revokes the whole family, except within a short grace window after the rotation (two tabs
 * refreshing at once). The family id is the login session: access tokens carry it (`sid`) and die
 * with it.
 */
@Entity('sessions')
// Every request's actor statement asks "is this family still live?": one entry of this index.
@Index('IDX_sessions_live_family', ['familyId'], { where: 'revoked_at IS NULL' })
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Index()
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Index()
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'replaced_by', type: 'uuid', nullable: true })
  replacedBy: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
