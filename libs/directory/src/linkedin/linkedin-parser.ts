import { badInput } from '@plein/core';
import { parse } from 'csv-parse/sync';
import type { CertificationItem, EducationItem, ExperienceItem, LanguageItem } from '../entities/person-profile.entity.js';
import { PROFILE_LIMITS } from '../profiles/profile.validation.js';
import type { LinkedInFileKind, LinkedInFiles } from './linkedin-files.js';

/** What an export holds for the person's own profile; items keep their position in the file as index. */
export interface LinkedInData {
  headline: string | null;
  about: string | null;
  experience: ExperienceItem[];
  education: EducationItem[];
  /** De-duplicated case-insensitively; the first spelling wins. */
  skills: string[];
  languages: LanguageItem[];
  certifications: CertificationItem[];
  /** Files read, by their name in the upload. */
  files: string[];
  ignoredFiles: string[];
}

/** The columns we need per file; the others are optional (older exports omit some). */
const REQUIRED: Record<LinkedInFileKind, string[]> = {
  profile: ['Headline', 'Summary'],
  positions: ['Company Name', 'Title', 'Started On', 'Finished On'],
  education: ['School Name', 'Start Date', 'End Date'],
  skills: ['Name'],
  languages: ['Name'],
  certifications: ['Name', 'Authority'],
};

/**
 * Imported text obeys the same limits as a profile edit (so the person can edit it afterwards);
 * LinkedIn's own limits are mostly lower, so only exceptional text is shortened.
 */
const MAX = {
  short: PROFILE_LIMITS.name,
  label: PROFILE_LIMITS.shortText,
  skill: PROFILE_LIMITS.skill,
  headline: PROFILE_LIMITS.headline,
  about: PROFILE_LIMITS.about,
  long: PROFILE_LIMITS.longText,
  url: PROFILE_LIMITS.url,
} as const;
// C0 controls other than tab and newline, DEL, and C1 controls (the profile edit refuses them).
// eslint-disable-next-line no-control-regex -- this pattern exists to find control characters.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Mar 2017` → `2017-03`, `2014` → `2014`, empty or unrecognised → null. */
export function linkedInDate(value: string | undefined): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  const year = /^(\d{4})$/.exec(v);
  if (year) return year[1];
  const monthYear = /^([A-Za-z]{3})[a-z]*\.? (\d{4})$/.exec(v);
  if (monthYear) {
    const m = MONTHS.indexOf(monthYear[1].toLowerCase());
    if (m >= 0) return `${monthYear[2]}-${String(m + 1).padStart(2, '0')}`;
  }
  return null;
}

/** Plain text as the profile stores it: single-line fields have their whitespace collapsed. */
function text(value: string | undefined, max: number, multiline = false): string | null {
  let v = (value ?? '').replace(/\r\n?/g, '\n').replace(CONTROL, '');
  v = multiline ? v.trim() : v.replace(/\s+/g, ' ').trim();
  if (!v) return null;
  const chars = [...v];
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() : v;
}

function rowsOf(kind: LinkedInFileKind, name: string, csv: string): Record<string, string>[] {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    const where = err && typeof err === 'object' && 'lines' in err ? ` (near line ${String((err as { lines: number }).lines)})` : '';
    throw badInput(`"${name}" is not a CSV file we can read${where}.`, { field: 'uploadIds', file: name, messageKey: 'input.notLinkedInExport' });
  }
  if (records.length === 0) return []; // an empty file: nothing in this section
  const header = records[0].map((h) => h.trim());
  const missing = REQUIRED[kind].filter((col) => !header.includes(col));
  if (missing.length > 0) {
    throw badInput(`"${name}" does not look like a LinkedIn export file: it lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}.`, {
      field: 'uploadIds',
      file: name, messageKey: 'input.notLinkedInExport' });
  }
  return records.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/** Turns the collected CSVs into profile data. Throws BAD_USER_INPUT for a file that is not what its name says. */
export function parseLinkedIn(files: LinkedInFiles): LinkedInData {
  const rows = (kind: LinkedInFileKind) => {
    const file = files.texts.get(kind);
    return file ? rowsOf(kind, file.name, file.text) : [];
  };

  const profile = rows('profile')[0];
  const experience: ExperienceItem[] = rows('positions')
    .map((r) => ({
      company: text(r['Company Name'], MAX.short) ?? '',
      title: text(r['Title'], MAX.short) ?? '',
      description: text(r['Description'], MAX.long, true),
      location: text(r['Location'], MAX.short),
      startedOn: linkedInDate(r['Started On']),
      finishedOn: linkedInDate(r['Finished On']), // empty = current
    }))
    .filter((e) => e.company && e.title); // LinkedIn requires both, and so does the profile
  const education: EducationItem[] = rows('education')
    .map((r) => ({
      school: text(r['School Name'], MAX.short) ?? '',
      degree: text(r['Degree Name'], MAX.short),
      notes: text(r['Notes'], MAX.long, true),
      activities: text(r['Activities'], MAX.long, true),
      startedOn: linkedInDate(r['Start Date']),
      finishedOn: linkedInDate(r['End Date']),
    }))
    .filter((e) => e.school);
  const skills: string[] = [];
  const seen = new Set<string>();
  for (const r of rows('skills')) {
    const name = text(r['Name'], MAX.skill);
    if (name && !seen.has(name.toLocaleLowerCase('nl'))) {
      seen.add(name.toLocaleLowerCase('nl'));
      skills.push(name);
    }
  }
  const languages: LanguageItem[] = rows('languages')
    .map((r) => ({ name: text(r['Name'], MAX.label) ?? '', proficiency: text(r['Proficiency'], MAX.label) }))
    .filter((l) => l.name);
  const certifications: CertificationItem[] = rows('certifications')
    .map((r) => ({
      name: text(r['Name'], MAX.short) ?? '',
      authority: text(r['Authority'], MAX.short),
      url: safeUrl(r['Url']),
      licenseNumber: text(r['License Number'], MAX.label),
      startedOn: linkedInDate(r['Started On']),
      finishedOn: linkedInDate(r['Finished On']),
    }))
    .filter((c) => c.name);

  return {
    headline: text(profile?.['Headline'], MAX.headline),
    about: text(profile?.['Summary'], MAX.about, true),
    experience,
    education,
    skills,
    languages,
    certifications,
    files: [...files.texts.values()].map((f) => f.name),
    ignoredFiles: files.ignored,
  };
}

/** Only http(s) links survive: a `javascript:` URL must never become a clickable profile link. */
function safeUrl(value: string | undefined): string | null {
  const v = text(value, MAX.url);
  if (!v) return null;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}
