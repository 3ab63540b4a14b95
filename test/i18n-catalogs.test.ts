import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * The web app's catalogs (one per language) stay complete and in use: every key exists in every
 * language, every message is valid ICU with the same placeholders in each language, and every key is
 * used by the app (a literal key, or a key under a prefix the app builds at run time, such as
 * `badge.${type}`).
 */
const root = path.resolve(import.meta.dirname, '..');
const localesDir = path.join(root, 'apps/web/src/locales');
const languages = readdirSync(localesDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
const catalogs = Object.fromEntries(languages.map((l) => [l, JSON.parse(readFileSync(path.join(localesDir, `${l}.json`), 'utf8')) as Record<string, string>]));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'locales' ? [] : sources(full);
    return /\.(ts|tsx)$/.test(name) ? [readFileSync(full, 'utf8')] : [];
  });
}

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

describe('web catalogs', () => {
  const nl = catalogs.nl!;

  it('has Dutch and English', () => {
    expect(languages.sort()).toEqual(['en', 'nl']);
  });

  it('has every key in every language', () => {
    for (const language of languages) {
      const keys = Object.keys(catalogs[language]!);
      expect({ language, missing: Object.keys(nl).filter((k) => !(k in catalogs[language]!)) }).toEqual({ language, missing: [] });
      expect({ language, extra: keys.filter((k) => !(k in nl)) }).toEqual({ language, extra: [] });
      expect({ language, empty: keys.filter((k) => !catalogs[language]![k]!.trim()) }).toEqual({ language, empty: [] });
    }
  });

  it('has valid ICU messages with the same placeholders in each language', () => {
    const mismatched: string[] = [];
    for (const key of Object.keys(nl)) {
      const expected = [...argumentsOf(parse(nl[key]!))].sort();
      for (const language of languages) {
        const actual = [...argumentsOf(parse(catalogs[language]![key]!))].sort();
        if (actual.join() !== expected.join()) mismatched.push(`${language} ${key}: ${actual.join()} vs ${expected.join()}`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('uses every key, and every literal key it uses exists', () => {
    const code = sources(path.join(root, 'apps/web/src')).join('\n');
    const literals = new Set([...code.matchAll(/['"`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)['"`]/g)].map((m) => m[1]!));
    const prefixes = [...new Set([...code.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]+)*\.)\$\{/g)].map((m) => m[1]!))];
    const unused = Object.keys(nl).filter((k) => !literals.has(k) && !prefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
    const called = [...code.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!);
    expect(called.filter((k) => !(k in nl))).toEqual([]);
  });

  it('says "1 lid, 2 leden" and "1 reactie" in Dutch', async () => {
    const { IntlMessageFormat } = await import('intl-messageformat');
    const say = (key: string, count: number) => new IntlMessageFormat(nl[key]!, 'nl-NL').format({ count }) as string;
    expect([say('groups.members', 1), say('groups.members', 2)]).toEqual(['1 lid', '2 leden']);
    expect([say('blogs.comments', 1), say('blogs.comments', 3)]).toEqual(['1 reactie', '3 reacties']);
    expect([say('people.results', 1), say('people.results', 1200)]).toEqual(['1 collega', '1.200 collega’s']);
  });

  it('uses one Dutch word for one thing: "Meldingen" only for notifications, reports are "rapportages", freelancers "zzp’ers"', async () => {
    const { IntlMessageFormat } = await import('intl-messageformat');
    const say = (key: string, count: number) => new IntlMessageFormat(nl[key]!, 'nl-NL').format({ count }) as string;
    const entries = Object.entries(nl);
    // Reporting abuse and moderation never say "melden"/"melding" (that word is for notifications).
    expect(entries.filter(([k, v]) => /^(report\.|moderation\.|insights\.report|admin\.audit\.|nav\.my|notifications\.(REPORT_OUTCOME|MODERATION)$)/.test(k) && /meld/i.test(v)).map(([k]) => k)).toEqual([]);
    expect(entries.filter(([k, v]) => /^Meldingen\b/.test(v) && !/^(nav\.)?notifications\b/.test(k)).map(([k]) => k)).toEqual([]);
    // (HR import reasons quote the file's own values: employee, contractor or freelancer.)
    expect(entries.filter(([k, v]) => /freelancer/i.test(v) && !k.startsWith('import.reason.')).map(([k]) => k)).toEqual([]);
    expect([nl['badge.EMPLOYEE'], nl['badge.CONTRACTOR'], nl['badge.FREELANCER']]).toEqual(['Medewerker', 'Gedetacheerd', 'Zzp’er']);
    expect([nl['nav.myReports'], nl['moderation.myReports.title'], nl['nav.myRecord']]).toEqual(['Mijn rapportages', 'Mijn rapportages', 'Mijn moderatiedossier']);
    expect([say('moderation.reporters', 1), say('moderation.reporters', 3)]).toEqual(['gerapporteerd door 1 persoon', 'gerapporteerd door 3 personen']);
    expect([say('vacancies.interests.count', 1), say('vacancies.interests.count', 2)]).toEqual(['1 belangstellende', '2 belangstellenden']);
  });
});

/**
 * The server speaks codes; the web app must be able to say every one of them in every language:
 * each error message key domain code throws (`messageKey: '…'`), each error code, each HR import
 * reason code and each notification kind has a message in each catalog.
 */
describe('server codes in the web catalogs', () => {
  const server = sources(path.join(root, 'libs')).join('\n') + sources(path.join(root, 'apps/api/src')).join('\n');

  function missingIn(keys: string[]): string[] {
    return languages.flatMap((language) => keys.filter((k) => !(k in catalogs[language]!)).map((k) => `${language} ${k}`));
  }

  it('has a message for every error message key the server names, and for every error code', async () => {
    const { ErrorCode } = await import('../libs/core/src/errors/error-codes.js');
    const named = [...server.matchAll(/messageKey(?:\s*[:=]|\s*\?)\s*(?:[^'\n]*\?\s*)?'([\w.]+)'(?:\s*:\s*'([\w.]+)')?/g)].flatMap((m) => [m[1]!, m[2]].filter((k): k is string => !!k));
    const table = [...server.matchAll(/'\d{2}[0-9A-Z]{3}': '(input\.\w+)'/g)].map((m) => m[1]!);
    const keys = [...new Set([...named, ...table, 'input.request'])];
    expect(keys.length).toBeGreaterThan(25);
    expect(keys).toEqual(expect.arrayContaining(['input.tooLong', 'input.invalidTag', 'input.required', 'input.unstorableCharacter']));
    expect(missingIn(keys.map((k) => `error.${k}`))).toEqual([]);
    expect(missingIn(Object.values(ErrorCode).map((c) => `error.code.${c}`))).toEqual([]);
  });

  it('has a message for every HR import reason code', async () => {
    const { HR_REASON_CODES } = await import('../libs/directory/src/hr-import/hr-import-reasons.js');
    expect(HR_REASON_CODES).toContain('invalid_email');
    expect(missingIn([...HR_REASON_CODES, 'other'].map((c) => `import.reason.${c}`))).toEqual([]);
  });

  it('has a sentence for every notification kind, and the web app knows every kind', async () => {
    const { NotificationKind } = await import('../libs/notifications/src/notification.entity.js');
    const kinds = Object.keys(NotificationKind);
    expect(kinds.length).toBeGreaterThanOrEqual(14);
    expect(missingIn(kinds.map((k) => `notifications.${k}`))).toEqual([]);
    const component = readFileSync(path.join(root, 'apps/web/src/components/NotificationText.tsx'), 'utf8');
    expect(kinds.filter((k) => !component.includes(`'${k}'`))).toEqual([]);
  });
});
