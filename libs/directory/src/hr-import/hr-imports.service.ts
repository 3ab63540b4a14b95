import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HrImport, type HrImportOptions, type HrImportSource } from './hr-import.entity.js';
import type { HrImportReport } from './hr-import.report.js';
import { hrCustomFields } from './hr-custom-fields.js';

export interface NewHrImport {
  startedBy: string | null;
  source: HrImportSource;
  options: HrImportOptions;
  file?: Buffer | null;
  photosZip?: Buffer | null;
}

/** The hr_imports records: creation, progress, outcome. Progress writes go outside the import's transaction. */
@Injectable()
export class HrImportsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The keys of the custom profile fields HR fills: a mapping may name them (parseHrMapping). */
  async hrFieldKeys(): Promise<string[]> {
    return (await hrCustomFields(this.db.manager)).map((f) => f.key);
  }

  async create(input: NewHrImport): Promise<HrImport> {
    const repo = this.db.getRepository(HrImport);
    const saved = await repo.save(
      repo.create({
        startedBy: input.startedBy,
        source: input.source,
        options: input.options,
        status: 'queued',
        file: input.file ?? null,
        photosZip: input.photosZip ?? null,
      }),
    );
    return (await this.findById(saved.id))!;
  }

  findById(id: string): Promise<HrImport | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
    return this.db.getRepository(HrImport).findOneBy({ id });
  }

  latest(limit: number): Promise<HrImport[]> {
    return this.db.getRepository(HrImport).find({ order: { createdAt: 'DESC' }, take: limit });
  }

  /** The uploaded bytes a queued GraphQL import carries (not selected by default: they can be large). */
  async payload(id: string): Promise<{ file: Buffer | null; photosZip: Buffer | null }> {
    const row = await this.db
      .getRepository(HrImport)
      .createQueryBuilder('i')
      .select(['i.id', 'i.file', 'i.photosZip'])
      .where('i.id = :id', { id })
      .getOne();
    return { file: row?.file ?? null, photosZip: row?.photosZip ?? null };
  }

  async markRunning(id: string): Promise<void> {
    await this.db.query(`UPDATE hr_imports SET status = 'running', done = 0 WHERE id = $1`, [id]);
  }

  async progress(id: string, done: number, total: number): Promise<void> {
    await this.db.query(`UPDATE hr_imports SET done = $2, total = $3 WHERE id = $1`, [id, done, total]);
  }

  /** The final state; the uploaded bytes are dropped, the report stays. */
  async finish(id: string, outcome: { report: HrImportReport } | { error: string }): Promise<void> {
    if ('report' in outcome) {
      await this.db.query(
        `UPDATE hr_imports SET status = 'succeeded', report = $2, done = total, error = NULL, finished_at = now(), file = NULL, photos_zip = NULL WHERE id = $1`,
        [id, JSON.stringify(outcome.report)],
      );
    } else {
      await this.db.query(
        `UPDATE hr_imports SET status = 'failed', error = $2, finished_at = now(), file = NULL, photos_zip = NULL WHERE id = $1`,
        [id, outcome.error.slice(0, 4000)],
      );
    }
  }
}
