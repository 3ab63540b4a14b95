import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A profile photo, re-encoded by sharp into a few sizes (EXIF stripped). Bytes live in Postgres. */
@Entity('photos')
export class Photo {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** 'hr' (import) or 'upload' (the person) */
  @Column({ type: 'varchar', length: 10 })
  source: string;

  /** SHA-256 of the original bytes: a re-import of the same photo changes nothing. */
  @Column({ type: 'varchar', length: 64 })
  checksum: string;

  /** Set by the moderation lib: 'hidden' (pending a decision) or 'removed'. */
  @Column({ name: 'moderation_state', type: 'varchar', length: 10, default: 'visible' })
  moderationState: 'visible' | 'hidden' | 'removed';

  @Column({ name: 'moderation_reason', type: 'text', nullable: true })
  moderationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity('photo_variants')
export class PhotoVariant {
  @PrimaryColumn({ name: 'photo_id', type: 'uuid' })
  photoId: string;

  /** 'small' (64), 'medium' (256), 'large' (800) */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  size: string;

  @Column({ name: 'content_type', type: 'varchar', length: 50 })
  contentType: string;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ type: 'bytea' })
  bytes: Buffer;
}
