import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound } from '@plein/core';
import type { Actor } from '@plein/policy';
import { DataSource } from 'typeorm';
import { Upload } from './upload.entity.js';

export const UPLOAD_TTL_HOURS = 24;

@Injectable()
export class UploadsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async store(owner: Actor, file: { originalname: string; mimetype: string; buffer: Buffer }): Promise<Upload> {
    return this.db.getRepository(Upload).save({
      ownerId: owner.personId,
      filename: file.originalname.slice(0, 255) || 'upload',
      declaredType: (file.mimetype || 'application/octet-stream').slice(0, 100),
      size: file.buffer.length,
      bytes: file.buffer,
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
