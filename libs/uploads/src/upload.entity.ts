import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A file a person uploaded, waiting to be used by a mutation (photo, LinkedIn export, HR file,
 * message images). GraphQL mutations take its id; the bytes stay in Postgres so every api node and
 * the worker can read them. Unused uploads expire after a day (the worker removes them).
 */
@Entity('uploads')
export class Upload {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  /** What the client said; never trusted: users of an upload check the bytes themselves. */
  @Column({ name: 'declared_type', type: 'varchar', length: 100 })
  declaredType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Index()
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
