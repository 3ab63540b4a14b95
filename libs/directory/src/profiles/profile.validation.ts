import { badInput, CONTROL_IN_TEXT } from '@plein/core';
import {
  Visibility,
  type CertificationItem,
  type ContactDetail,
  type EducationItem,
  type ExperienceItem,
  type LanguageItem,
  type PersonProfile,
} from '../entities/person-profile.entity.js';
import type { UpdateProfileInput } from './dto/update-profile.input.js';
import { ContactKind } from './profile.model.js';

/**
 * Turns an UpdateProfileInput into the columns to write, or throws BAD_USER_INPUT naming the field
 * (`experience[2].startedOn`). Text is kept as plain text: markup is neither stripped nor
 * interpreted, so `<b>` stays four characters that clients escape like any other text.
 */

export const PROFILE_LIMITS = {
  headline: 220,
  about: 5000,
  pronouns: 40,
  workingLocation: 200,
  workingHours: 200,
  skill: 60,
  skills: 100,
  interest: 60,
  interests: 50,
  languages: 30,
  experience: 50,
  education: 30,
  certifications: 50,
  contacts: 20,
  name: 200,
  shortText: 100,
  longText: 2000,
  url: 500,
  contactValue: 200,
} as const;

// C0 controls other than tab and newline, DEL, and C1 controls: never part of meaningful text.
const CONTROL = CONTROL_IN_TEXT;
const DATE = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]{2,}$/;

const chars = (s: string) => [...s].length;

function text(value: string | null | undefined, field: string, max: number, multiline = false): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw badInput(`${field} must be text.`, { field });
  let v = value.replace(/\r\n?/g, '\n');
  if (CONTROL.test(v)) throw badInput(`${field} contains control characters.`, { field });
  v = multiline ? v.trim() : v.replace(/\s+/g, ' ').trim();
  if (chars(v) > max) throw badInput(`${field} can be at most ${max} characters.`, { field });
  return v === '' ? null : v;
}

function required(value: string | null | undefined, field: string, max: number): string {
  const v = text(value, field, max);
  if (v === null) throw badInput(`${field} is required.`, { field });
  return v;
}

function list<T, R>(items: T[] | null | undefined, field: string, max: number, each: (item: T, path: string) => R): R[] {
  if (items === null || items === undefined) return [];
  if (items.length > max) throw badInput(`${field} can have at most ${max} entries.`, { field });
  return items.map((item, i) => each(item, `${field}[${i}]`));
}

/** Tags (skills, interests): trimmed, empty ones dropped, duplicates removed ignoring case, first spelling kept. */
function tags(items: string[] | null | undefined, field: string, maxEach: number, maxCount: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  (items ?? []).forEach((raw, i) => {
    const v = text(raw, `${field}[${i}]`, maxEach);
    if (v === null) return;
    const key = v.toLocaleLowerCase('nl');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(v);
  });
  if (out.length > maxCount) throw badInput(`${field} can have at most ${maxCount} entries.`, { field });
  return out;
}

function date(value: string | null | undefined, field: string): string | null {
  const v = text(value, field, 7);
  if (v === null) return null;
  if (!DATE.test(v)) throw badInput(`${field} must be a year (YYYY) or a month (YYYY-MM).`, { field });
  return v;
}

function period(started: string | null | undefined, finished: string | null | undefined, path: string) {
  const startedOn = date(started, `${path}.startedOn`);
  const finishedOn = date(finished, `${path}.finishedOn`);
  // Compare at the coarser precision: "2020" and "2020-05" do not contradict each other.
  if (startedOn && finishedOn) {
    const n = Math.min(startedOn.length, finishedOn.length);
    if (finishedOn.slice(0, n) < startedOn.slice(0, n)) {
      throw badInput(`${path}.finishedOn cannot be before ${path}.startedOn.`, { field: `${path}.finishedOn` });
    }
  }
  return { startedOn, finishedOn };
}

export function httpUrl(value: string, field: string, max: number = PROFILE_LIMITS.url): string {
  const v = required(value, field, max);
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw badInput(`${field} must be a web address starting with http:// or https://.`, { field });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw badInput(`${field} must be a web address starting with http:// or https://.`, { field });
  }
  return v;
}

function contactValue(kind: ContactKind, value: string, field: string): string {
  switch (kind) {
    case ContactKind.PHONE:
    case ContactKind.MOBILE: {
      const v = required(value, field, 30);
      const digits = v.replace(/\D/g, '').length;
      if (!/^\+?[0-9 ()./-]+$/.test(v) || digits < 6 || digits > 15) {
        throw badInput(`${field} must be a phone number such as +31 6 12345678.`, { field });
      }
      return v;
    }
    case ContactKind.EMAIL: {
      const v = required(value, field, 254);
      if (!EMAIL.test(v)) throw badInput(`${field} must be an email address.`, { field });
      return v.toLowerCase();
    }
    case ContactKind.TEAMS: {
      // A Teams sign-in address (UPN) or a https://teams.microsoft.com/... link.
      const v = required(value, field, PROFILE_LIMITS.url);
      if (EMAIL.test(v)) return v.toLowerCase();
      const url = httpUrl(v, field);
      if (!url.startsWith('https://')) throw badInput(`${field} must be a Teams address or an https:// link.`, { field });
      return url;
    }
    case ContactKind.WEBSITE:
      return httpUrl(value, field);
    case ContactKind.OTHER:
      return required(value, field, PROFILE_LIMITS.contactValue);
    default: {
      const exhaustive: never = kind;
      throw badInput(`${field.replace(/\.value$/, '.kind')} is not a known kind of contact: ${String(exhaustive)}.`, { field });
    }
  }
}

const KINDS = new Set<string>(Object.values(ContactKind));
const VISIBILITIES = new Set<string>(Object.values(Visibility));

export function validateProfileInput(input: UpdateProfileInput): Partial<PersonProfile> {
  const L = PROFILE_LIMITS;
  const out: Partial<PersonProfile> = {};
  const has = (k: keyof UpdateProfileInput) => input[k] !== undefined;

  if (has('headline')) out.headline = text(input.headline, 'headline', L.headline);
  if (has('about')) out.about = text(input.about, 'about', L.about, true);
  if (has('pronouns')) out.pronouns = text(input.pronouns, 'pronouns', L.pronouns);
  if (has('workingLocation')) out.workingLocation = text(input.workingLocation, 'workingLocation', L.workingLocation);
  if (has('workingHours')) out.workingHours = text(input.workingHours, 'workingHours', L.workingHours);
  if (has('skills')) out.skills = tags(input.skills, 'skills', L.skill, L.skills);
  if (has('interests')) out.interests = tags(input.interests, 'interests', L.interest, L.interests);

  if (has('languages')) {
    out.languages = list(input.languages, 'languages', L.languages, (l, p): LanguageItem => ({
      name: required(l.name, `${p}.name`, L.shortText),
      proficiency: text(l.proficiency, `${p}.proficiency`, L.shortText),
    }));
  }
  if (has('experience')) {
    out.experience = list(input.experience, 'experience', L.experience, (e, p): ExperienceItem => ({
      company: required(e.company, `${p}.company`, L.name),
      title: required(e.title, `${p}.title`, L.name),
      description: text(e.description, `${p}.description`, L.longText, true),
      location: text(e.location, `${p}.location`, L.name),
      ...period(e.startedOn, e.finishedOn, p),
    }));
  }
  if (has('education')) {
    out.education = list(input.education, 'education', L.education, (e, p): EducationItem => ({
      school: required(e.school, `${p}.school`, L.name),
      degree: text(e.degree, `${p}.degree`, L.name),
      notes: text(e.notes, `${p}.notes`, L.longText, true),
      activities: text(e.activities, `${p}.activities`, L.longText, true),
      ...period(e.startedOn, e.finishedOn, p),
    }));
  }
  if (has('certifications')) {
    out.certifications = list(input.certifications, 'certifications', L.certifications, (c, p): CertificationItem => ({
      name: required(c.name, `${p}.name`, L.name),
      authority: text(c.authority, `${p}.authority`, L.name),
      url: c.url === null || c.url === undefined || c.url.trim() === '' ? null : httpUrl(c.url, `${p}.url`),
      licenseNumber: text(c.licenseNumber, `${p}.licenseNumber`, L.shortText),
      ...period(c.startedOn, c.finishedOn, p),
    }));
  }
  if (has('contacts')) {
    out.contacts = list(input.contacts, 'contacts', L.contacts, (c, p): ContactDetail => {
      // The GraphQL enums already refuse unknown values; this guards other callers (the LinkedIn import).
      if (!KINDS.has(c.kind)) throw badInput(`${p}.kind is not a known kind of contact.`, { field: `${p}.kind` });
      const visibility = c.visibility ?? Visibility.EVERYONE;
      if (!VISIBILITIES.has(visibility)) throw badInput(`${p}.visibility is not a known visibility.`, { field: `${p}.visibility` });
      return { kind: c.kind, value: contactValue(c.kind, c.value, `${p}.value`), visibility };
    });
  }
  return out;
}
