import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@plein/core';
import type { Actor } from '@plein/policy';
import { DataSource } from 'typeorm';
import { Upload } from './upload.entity.js';

export const UPLOAD_TTL_HOURS = 24;

/**
 * Keeps only what a domain will read of an upload it recognises, decided as the upload arrives:
 * returns the bytes to store instead, or null to leave the file to others. Registered by the
 * domains (the LinkedIn import: an export ZIP loses Connections.csv and messages.csv at once), so
 * an upload never previewed nor used does not hold other people's data until it expires.
 */
export type UploadReducer = (file: { filename: string; bytes: Buffer }) => Buffer | null;

@Injectable()
export class UploadsService {
  private readonly reducers: UploadReducer[] = [];

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  useReducer(reducer: UploadReducer): void {
    this.reducers.push(reducer);
  }

  async store(owner: Actor, file: { originalname: string; mimetype: string; buffer: Buffer }): Promise<Upload> {
    const filename = file.originalname.slice(0, 255) || 'upload';
    let bytes = file.buffer;
    for (const reduce of this.reducers) {
      const kept = reduce({ filename, bytes });
      if (kept) {
        bytes = kept;
        break;
      }
    }
    return this.db.getRepository(Upload).save({
      ownerId: owner.personId,
      filename,
      declaredType: (file.mimetype || 'application/octet-stream').slice(0, 100),
      size: bytes.length,
      bytes,
      expiresAt: new Date(Date.now() + UPLOAD_TTL_HOURS * 3600_000),
    });
  }

  /** The actor's own, unexpired upload; anyone else's (or a used one) is NOT_FOUND. */
  async get(owner: Actor, id: string): Promise<Upload> {
    const upload = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.db.getRepository(Upload).findOneBy({ id, ownerId: owner.personId })
      : null;
    if (!upload || upload.expiresAt.getTime() < Date.now()) {
      throw notFound('That upload was not found or has expired. Upload the file again.');
    }
    return upload;
  }

  async discard(id: string): Promise<void> {
    await this.db.getRepository(Upload).delete({ id });
  }

  async purgeExpired(): Promise<number> {
    const res: [unknown[], number] = await this.db.query('DELETE FROM uploads WHERE expires_at < now()');
    return res[1];
  }
}
