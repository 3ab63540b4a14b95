import { describe, expect, it } from '@jest/globals';
import { strToU8, zipSync } from 'fflate';
import { collectLinkedInFiles } from './linkedin-files.js';
import { linkedInDate, parseLinkedIn } from './linkedin-parser.js';

const parseFiles = (files: Record<string, string>) =>
  parseLinkedIn(collectLinkedInFiles(Object.entries(files).map(([filename, text]) => ({ filename, bytes: Buffer.from(text) }))));

describe('LinkedIn export parsing', () => {
  it.each([
    ['Mar 2017', '2017-03'],
    ['Dec 1999', '1999-12'],
    ['2014', '2014'],
    ['', null],
    ['  ', null],
    ['Foo 2017', null],
    ['03/2017', null],
  ])('reads the date %j as %j', (input, expected) => {
    expect(linkedInDate(input)).toBe(expected);
  });

  it('survives BOM, CRLF, quotes and line breaks inside quotes', () => {
    const data = parseFiles({
      'Positions.csv': '\uFEFFCompany Name,Title,Description,Location,Started On,Finished On\r\n"Acme, Inc.",Engineer,"Line 1\r\nLine ""2""",Zürich,Jan 2020,\r\n',
    });
    expect(data.experience).toEqual([
      { company: 'Acme, Inc.', title: 'Engineer', description: 'Line 1\nLine "2"', location: 'Zürich', startedOn: '2020-01', finishedOn: null },
    ]);
  });

  it('treats a header-only file as an empty section and keeps the first spelling of a skill', () => {
    const data = parseFiles({ 'Languages.csv': 'Name,Proficiency\n', 'Skills.csv': 'Name\nSQL\nsql\nSql\nPython\n' });
    expect(data.languages).toEqual([]);
    expect(data.skills).toEqual(['SQL', 'Python']);
  });

  it('reads only the profile files from a ZIP and never inflates the rest', () => {
    const zip = Buffer.from(
      zipSync({
        'export/Skills.csv': strToU8('Name\nFigma\n'),
        'export/Connections.csv': strToU8('First Name,Last Name\nWilhelmina,Zonnebloem\n'),
      }),
    );
    const files = collectLinkedInFiles([{ filename: 'export.zip', bytes: zip }]);
    expect([...files.texts.keys()]).toEqual(['skills']);
    expect(JSON.stringify([...files.texts.values()])).not.toContain('Zonnebloem');
    expect(files.ignored).toEqual(['export/Connections.csv']);
  });

  it('refuses a CSV with a malformed quote', () => {
    expect(() => parseFiles({ 'Skills.csv': 'Name\n"unclosed\n' })).toThrow(/not a CSV file we can read/);
  });
});
