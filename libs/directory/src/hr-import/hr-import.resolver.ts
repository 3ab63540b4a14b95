import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { badInput, notFound, QueueService } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { UploadsService } from '@plein/uploads';
import { StartHrImportInput } from './dto/start-hr-import.input.js';
import type { HrImport } from './hr-import.entity.js';
import { HrImportModel, HrImportStatusValue } from './hr-import.model.js';
import { HR_IMPORT_JOB, type HrImportJobData } from './hr-import.job.js';
import { HrImportsService } from './hr-imports.service.js';
import { parseHrMapping } from './hr-mapping.js';

function toModel(record: HrImport): HrImportModel {
  return {
    id: record.id,
    status: record.status as HrImportStatusValue,
    source: record.source,
    startedById: record.startedBy,
    fileName: record.options.fileName,
    dryRun: record.options.dryRun,
    deactivateMissing: record.options.deactivateMissing,
    total: record.total,
    done: record.done,
    report: record.report ? { ...record.report, created: record.report.created.map((r) => ({ ...r, changes: [] })) } : null,
    error: record.error,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  };
}

/** HR staff imports for admins: start one from uploaded files (the worker runs it), follow it, read its report. */
@Resolver(() => HrImportModel)
export class HrImportResolver {
  constructor(
    private readonly policy: PolicyService,
    private readonly uploads: UploadsService,
    private readonly records: HrImportsService,
    private readonly queue: QueueService,
  ) {}

  @Mutation(() => HrImportModel, { description: 'Queue an HR staff import (admins). Follow it with hrImport(id).' })
  async startHrImport(@CurrentActor() actor: Actor, @Args('input') input: StartHrImportInput): Promise<HrImportModel> {
    this.policy.assert(actor, 'directory.import');
    // Checked now, so a broken mapping is an immediate error rather than a failed job.
    const mapping = input.mappingJson ? parseHrMapping(input.mappingJson, await this.records.hrFieldKeys()) : null;
    const file = await this.uploads.get(actor, input.uploadId);
    const photos = input.photosUploadId ? await this.uploads.get(actor, input.photosUploadId) : null;
    if (photos && !(photos.bytes[0] === 0x50 && photos.bytes[1] === 0x4b)) {
      throw badInput('The photos file must be a ZIP.', { field: 'photosUploadId' });
    }
    const record = await this.records.create({
      startedBy: actor.personId,
      source: 'graphql',
      options: {
        fileName: file.filename,
        dryRun: input.dryRun,
        deactivateMissing: input.deactivateMissing,
        mapping,
        photos: photos?.filename ?? null,
      },
      file: file.bytes,
      photosZip: photos?.bytes ?? null,
    });
    await this.uploads.discard(file.id);
    if (photos) await this.uploads.discard(photos.id);
    await this.queue.send<HrImportJobData>(HR_IMPORT_JOB, { importId: record.id });
    return toModel(record);
  }

  @Query(() => HrImportModel, { description: 'An HR import with its progress and, once finished, its report (admins).' })
  async hrImport(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<HrImportModel> {
    this.policy.assert(actor, 'directory.import');
    const record = await this.records.findById(id);
    if (!record) throw notFound('No HR import with this id.');
    return toModel(record);
  }

  @Query(() => [HrImportModel], { description: 'The latest HR imports, newest first (admins).' })
  async hrImports(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, defaultValue: 20, description: 'At most 100.' }) first: number,
  ): Promise<HrImportModel[]> {
    this.policy.assert(actor, 'directory.import');
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first must be between 1 and 100.', { field: 'first' });
    return (await this.records.latest(first)).map(toModel);
  }
}
