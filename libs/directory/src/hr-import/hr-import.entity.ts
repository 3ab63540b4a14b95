import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HrImportReport } from './hr-import.report.js';

export type HrImportSource = 'cli' | 'graphql';
export type HrImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** What the person who started an import asked for; kept with the record for the report page. */
export interface HrImportOptions {
  fileName: string;
  dryRun: boolean;
  deactivateMissing: boolean;
  mapping: unknown;
  photos: string | null;
}

/**
 * One run of the HR staff import (CLI or GraphQL): its options, progress and final report.
 * GraphQL imports carry the uploaded bytes here so the worker (another process) can read them;
 * they are dropped once the run has finished, the report stays.
 */
@Entity('hr_imports')
export class HrImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The admin who started it; null for the command line. */
  @Index()
  @Column({ name: 'started_by', type: 'uuid', nullable: true })
  startedBy: string | null;

  @Column({ type: 'varchar', length: 10 })
  source: HrImportSource;

  @Column({ type: 'jsonb' })
  options: HrImportOptions;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: HrImportStatus;

  /** Data rows in the file (known once it has been read). */
  @Column({ type: 'integer', default: 0 })
  total: number;

  @Column({ type: 'integer', default: 0 })
  done: number;

  @Column({ type: 'jsonb', nullable: true })
  report: HrImportReport | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  file: Buffer | null;

  /** A ZIP of photos, for GraphQL imports. */
  @Column({ name: 'photos_zip', type: 'bytea', nullable: true, select: false })
  photosZip: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
