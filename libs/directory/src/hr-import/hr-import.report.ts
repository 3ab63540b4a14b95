/** The outcome of one HR import (or of a dry run: what it would do). Stored as jsonb on the record. */
export interface HrImportRowRef {
  /** Physical line in the file where the row starts (the header is line 1). */
  line: number;
  employeeNumber: string;
  displayName: string;
}

export interface HrImportUpdated extends HrImportRowRef {
  /** The Plein fields that change. */
  changes: string[];
}

export interface HrImportDeactivated {
  line: number | null;
  employeeNumber: string;
  displayName: string;
  /** `end_date`: a passed end date in the file; `missing`: not in a full import (--deactivate-missing). */
  reason: 'end_date' | 'missing';
}

/** Machine-readable kinds of photo problems (row problems carry only a reason for now). */
export type HrImportProblemCode = 'PHOTO_NOT_FOUND' | 'PHOTO_REJECTED' | 'PHOTO_TOO_LARGE' | 'PHOTO_DAMAGED' | 'PHOTOS_ZIP_TOO_LARGE';

export interface HrImportProblem {
  line: number;
  employeeNumber: string | null;
  reason: string;
  code?: HrImportProblemCode;
}

export interface HrImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  rejected: number;
  warnings: number;
  departmentsCreated: number;
  departmentsUpdated: number;
  photosStored: number;
  photosUnchanged: number;
  photosRejected: number;
}

export interface HrImportReport {
  dryRun: boolean;
  counts: HrImportCounts;
  created: HrImportRowRef[];
  updated: HrImportUpdated[];
  deactivated: HrImportDeactivated[];
  rejected: HrImportProblem[];
  /** Rows that went in with a caveat (an unknown manager, an unknown parent department). */
  warnings: HrImportProblem[];
  /** Photo problems: the person row itself went in. */
  photosRejected: HrImportProblem[];
  /** Lists are capped (counts are not); true when one was cut. */
  truncated: boolean;
  durationMs: number;
}

/** Lists longer than this are cut in the stored report; the counts stay exact. */
export const REPORT_LIST_LIMIT = 5000;

export function emptyCounts(): HrImportCounts {
  return {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deactivated: 0,
    rejected: 0,
    warnings: 0,
    departmentsCreated: 0,
    departmentsUpdated: 0,
    photosStored: 0,
    photosUnchanged: 0,
    photosRejected: 0,
  };
}
