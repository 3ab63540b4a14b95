import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum HrImportStatusValue {
  QUEUED = 'queued',
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}
registerEnumType(HrImportStatusValue, { name: 'HrImportStatus' });

@ObjectType('HrImportCounts')
export class HrImportCountsModel {
  @Field(() => Int) rows: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) deactivated: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) warnings: number;
  @Field(() => Int) departmentsCreated: number;
  @Field(() => Int) departmentsUpdated: number;
  @Field(() => Int) photosStored: number;
  @Field(() => Int) photosUnchanged: number;
  @Field(() => Int) photosRejected: number;
}

@ObjectType('HrImportRow', { description: 'A person the import created or changed.' })
export class HrImportRowModel {
  @Field(() => Int, { description: 'Line in the file (the header is line 1).' }) line: number;
  @Field() employeeNumber: string;
  @Field() displayName: string;
  @Field(() => [String], { description: 'Fields that changed (updates only).' }) changes: string[];
}

@ObjectType('HrImportDeactivation')
export class HrImportDeactivationModel {
  @Field(() => Int, { nullable: true }) line: number | null;
  @Field() employeeNumber: string;
  @Field() displayName: string;
  @Field({ description: '`end_date` (a passed end date) or `missing` (not in a full import).' }) reason: string;
}

@ObjectType('HrImportProblem', { description: 'A rejected row, a warning or a photo problem, with its line.' })
export class HrImportProblemModel {
  @Field(() => Int) line: number;
  @Field(() => String, { nullable: true }) employeeNumber: string | null;
  @Field() reason: string;
  @Field(() => String, {
    nullable: true,
    description: 'For photo problems: PHOTO_NOT_FOUND, PHOTO_REJECTED (not an image we can store), PHOTO_TOO_LARGE, PHOTO_DAMAGED or PHOTOS_ZIP_TOO_LARGE.',
  })
  code?: string | null;
}

@ObjectType('HrImportReport')
export class HrImportReportModel {
  @Field() dryRun: boolean;
  @Field(() => HrImportCountsModel) counts: HrImportCountsModel;
  @Field(() => [HrImportRowModel]) created: HrImportRowModel[];
  @Field(() => [HrImportRowModel]) updated: HrImportRowModel[];
  @Field(() => [HrImportDeactivationModel]) deactivated: HrImportDeactivationModel[];
  @Field(() => [HrImportProblemModel]) rejected: HrImportProblemModel[];
  @Field(() => [HrImportProblemModel]) warnings: HrImportProblemModel[];
  @Field(() => [HrImportProblemModel]) photosRejected: HrImportProblemModel[];
  @Field({ description: 'True when a list was cut (the counts are exact).' }) truncated: boolean;
  @Field(() => Int) durationMs: number;
}

@ObjectType('HrImport', { description: 'One run of the HR staff import, with its progress and final report.' })
export class HrImportModel {
  @Field(() => ID) id: string;
  @Field(() => HrImportStatusValue) status: HrImportStatusValue;
  @Field({ description: '`cli` or `graphql`.' }) source: string;
  @Field(() => ID, { nullable: true }) startedById: string | null;
  @Field() fileName: string;
  @Field() dryRun: boolean;
  @Field() deactivateMissing: boolean;
  @Field(() => Int, { description: 'Data rows in the file (0 until it has been read).' }) total: number;
  @Field(() => Int, { description: 'Rows done so far.' }) done: number;
  @Field(() => HrImportReportModel, { nullable: true }) report: HrImportReportModel | null;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}
