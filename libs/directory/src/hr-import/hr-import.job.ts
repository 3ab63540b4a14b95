import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueService } from '@plein/core';
import { parseHrMapping } from './hr-mapping.js';
import { zipPhotoSource } from './hr-photos.js';
import { HrImportsService } from './hr-imports.service.js';
import { ImportHrFile } from './import-hr-file.usecase.js';

export const HR_IMPORT_JOB = 'directory.hr-import';

export interface HrImportJobData {
  importId: string;
}

/** Runs GraphQL-started HR imports on the worker (or inline with WORKER_INLINE). */
@Injectable()
export class HrImportJob implements OnApplicationBootstrap {
  private readonly logger = new Logger('HrImportJob');

  constructor(
    private readonly queue: QueueService,
    private readonly records: HrImportsService,
    private readonly importHrFile: ImportHrFile,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<HrImportJobData>(HR_IMPORT_JOB, (job) => this.run(job.data.importId));
  }

  async run(importId: string): Promise<void> {
    const record = await this.records.findById(importId);
    // Finished already (a duplicate delivery) or gone. 'running' is run again: that attempt's worker
    // died, and its transaction with it, so the directory is as before it.
    if (!record || record.status === 'succeeded' || record.status === 'failed') return;
    const { file, photosZip } = await this.records.payload(importId);
    try {
      if (!file) throw new Error('the uploaded file is no longer stored');
      const report = await this.importHrFile.execute({
        importId,
        file,
        mapping: record.options.mapping ? parseHrMapping(record.options.mapping, await this.records.hrFieldKeys()) : null,
        photos: photosZip ? await zipPhotoSource(photosZip) : null,
        dryRun: record.options.dryRun,
        deactivateMissing: record.options.deactivateMissing,
      });
      this.logger.log({ msg: 'hr import finished', importId, counts: report.counts });
    } catch (err) {
      // execute() records its own failures; this covers what fails before it (a broken ZIP). Never retried.
      const error = err instanceof Error ? err.message : String(err);
      this.logger.warn({ msg: 'hr import failed', importId, error });
      const current = await this.records.findById(importId);
      if (current && current.status !== 'failed') await this.records.finish(importId, { error: `The import failed: ${error}` });
    }
  }
}
