import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import { UploadsService } from '@plein/uploads';
import { DataSource } from 'typeorm';
import { PersonProfile } from '../entities/person-profile.entity.js';
import { PROFILE_LIMITS } from '../profiles/profile.validation.js';
import { collectLinkedInFiles, MAX_LINKEDIN_UPLOADS, reduceLinkedInUpload } from './linkedin-files.js';
import { parseLinkedIn, type LinkedInData } from './linkedin-parser.js';
import { LinkedInImportMode, type ApplyLinkedInImportInput, type LinkedInPreviewModel } from './linkedin.model.js';

type ListSection = 'experience' | 'education' | 'languages' | 'certifications';

const LIST_LABEL: Record<ListSection | 'skills', string> = {
  experience: 'experience entries',
  education: 'education entries',
  languages: 'languages',
  certifications: 'certifications',
  skills: 'skills',
};

const norm = (s: string | null | undefined) => (s ?? '').toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim();

/** When two items are "the same" for MERGE. */
const KEY: { [S in ListSection]: (item: PersonProfile[S][number]) => string } = {
  experience: (e) => [norm(e.company), norm(e.title), e.startedOn ?? ''].join('\u0000'),
  education: (e) => [norm(e.school), norm(e.degree), e.startedOn ?? ''].join('\u0000'),
  languages: (l) => norm(l.name),
  certifications: (c) => [norm(c.name), norm(c.authority)].join('\u0000'),
};

/**
 * The LinkedIn import: a person's own data export enriches what they own on their profile
 * (headline, about, experience, education, skills, languages, certifications). HR-owned fields
 * live on `people` and this service never writes there. Preview parses and saves nothing; apply
 * parses the same uploads again (same bytes → same indexes), writes the chosen items in one
 * transaction, and then discards the uploads.
 */
@Injectable()
export class LinkedInImportService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
    private readonly policy: PolicyService,
  ) {}

  /** An export keeps only the files Plein reads from the moment it is uploaded (reduceLinkedInUpload). */
  onModuleInit(): void {
    this.uploads.useReducer((file) => reduceLinkedInUpload(file));
  }

  async preview(actor: Actor, uploadIds: readonly string[]): Promise<LinkedInPreviewModel> {
    this.policy.assert(actor, 'profile.import');
    const data = await this.read(actor, uploadIds);
    const indexed = <T>(items: T[]) => items.map((item, index) => ({ ...item, index }));
    return {
      headline: data.headline,
      about: data.about,
      experience: indexed(data.experience),
      education: indexed(data.education),
      skills: data.skills,
      languages: indexed(data.languages),
      certifications: indexed(data.certifications),
      counts: {
        experience: data.experience.length,
        education: data.education.length,
        skills: data.skills.length,
        languages: data.languages.length,
        certifications: data.certifications.length,
      },
      files: data.files,
      ignoredFiles: data.ignoredFiles,
    };
  }

  async apply(actor: Actor, input: ApplyLinkedInImportInput): Promise<void> {
    this.policy.assert(actor, 'profile.import');
    const mode = input.mode ?? LinkedInImportMode.MERGE;
    if (mode !== LinkedInImportMode.MERGE && mode !== LinkedInImportMode.REPLACE) throw badInput('mode must be MERGE or REPLACE.', { field: 'mode' });
    const ids = uniqueIds(input.uploadIds);
    const data = await this.read(actor, ids);

    const chosen = {
      experience: pick(data.experience, input.experience, 'experience'),
      education: pick(data.education, input.education, 'education'),
      languages: pick(data.languages, input.languages, 'languages'),
      certifications: pick(data.certifications, input.certifications, 'certifications'),
      skills: pickSkills(data.skills, input.skills),
    };
    const takeHeadline = input.headline === true;
    const takeAbout = input.about === true;
    if (!takeHeadline && !takeAbout && Object.values(chosen).every((c) => c === null)) {
      throw badInput('Choose at least one thing to import.', { field: 'input' });
    }

    await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(PersonProfile);
      await tx.query('INSERT INTO person_profiles (person_id) VALUES ($1) ON CONFLICT (person_id) DO NOTHING', [actor.personId]);
      // Locked so a concurrent edit or import cannot interleave with this read-merge-write.
      const current = await repo.createQueryBuilder('p').setLock('pessimistic_write').where('p.person_id = :id', { id: actor.personId }).getOneOrFail();
      const values: Partial<PersonProfile> = {};
      const replace = mode === LinkedInImportMode.REPLACE;

      if (takeHeadline && (data.headline !== null || replace)) values.headline = data.headline;
      if (takeAbout && (data.about !== null || replace)) values.about = data.about;
      const section = <T>(name: ListSection | 'skills', existing: T[], items: T[] | null, key: (item: T) => string): T[] | undefined => {
        if (!items) return undefined;
        const merged = replace ? items : mergeBy(existing, items, key);
        limit(merged.length, PROFILE_LIMITS[name], name);
        return merged;
      };
      const lists: Partial<PersonProfile> = {
        experience: section('experience', current.experience, chosen.experience, KEY.experience),
        education: section('education', current.education, chosen.education, KEY.education),
        languages: section('languages', current.languages, chosen.languages, KEY.languages),
        certifications: section('certifications', current.certifications, chosen.certifications, KEY.certifications),
        skills: section('skills', current.skills, chosen.skills, norm),
      };
      for (const [name, list] of Object.entries(lists)) if (list !== undefined) Object.assign(values, { [name]: list });
      if (Object.keys(values).length > 0) await repo.update({ personId: actor.personId }, values);
    });
    // Only after a successful write: a refused import leaves the uploads to retry with.
    for (const id of ids) await this.uploads.discard(id);
  }

  private async read(actor: Actor, uploadIds: readonly string[]): Promise<LinkedInData> {
    const ids = uniqueIds(uploadIds);
    const files = [];
    for (const id of ids) {
      const upload = await this.uploads.get(actor, id); // NOT_FOUND for someone else's upload
      files.push({ filename: upload.filename, bytes: upload.bytes });
    }
    const data = parseLinkedIn(collectLinkedInFiles(files));
    if (data.files.length === 0) {
      throw badInput('We found no LinkedIn profile files (Profile.csv, Positions.csv, Education.csv, Skills.csv, Languages.csv, Certifications.csv) in this upload.', {
        field: 'uploadIds',
        reason: 'NOT_AN_EXPORT',
      });
    }
    return data;
  }
}

function uniqueIds(ids: readonly string[] | null | undefined): string[] {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) throw badInput('Upload your LinkedIn export first.', { field: 'uploadIds' });
  if (unique.length > MAX_LINKEDIN_UPLOADS) throw badInput(`Upload at most ${MAX_LINKEDIN_UPLOADS} files at once.`, { field: 'uploadIds' });
  return unique;
}

/** The items at the chosen indexes, in the export's order; null when the section is not chosen. */
function pick<T>(items: T[], indexes: readonly number[] | null | undefined, field: string): T[] | null {
  if (!indexes || indexes.length === 0) return null;
  const wanted = new Set<number>();
  for (const i of indexes) {
    if (!Number.isInteger(i) || i < 0 || i >= items.length) {
      throw badInput(`${field} contains ${String(i)}, which is not an item of the preview.`, { field });
    }
    wanted.add(i);
  }
  return items.filter((_, i) => wanted.has(i));
}

function pickSkills(found: string[], names: readonly string[] | null | undefined): string[] | null {
  if (!names || names.length === 0) return null;
  const byKey = new Map(found.map((s) => [norm(s), s]));
  const out = new Map<string, string>();
  for (const name of names) {
    const skill = typeof name === 'string' ? byKey.get(norm(name)) : undefined;
    if (!skill) throw badInput(`"${String(name).slice(0, 60)}" is not a skill in this export.`, { field: 'skills' });
    out.set(norm(skill), skill);
  }
  return [...out.values()];
}

/** What the profile has, then the new items it does not have yet. */
function mergeBy<T>(existing: T[], incoming: T[], key: (item: T) => string): T[] {
  const seen = new Set(existing.map(key));
  const out = [...existing];
  for (const item of incoming) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

function limit(count: number, max: number, section: keyof typeof LIST_LABEL): void {
  if (count > max) throw badInput(`Your profile can hold at most ${max} ${LIST_LABEL[section]}; choose fewer.`, { field: section });
}
