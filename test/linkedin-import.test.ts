import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';

const BOM = '\uFEFF';
const CONNECTION_NAME = 'Wilhelmina Zonnebloem';
const crlf = (s: string) => s.replace(/\n/g, '\r\n');

/** A realistic export: BOM, CRLF, quoted commas, "" quotes, multi-line fields, diacritics. */
const FILES: Record<string, string> = {
  'Profile.csv':
    BOM +
    crlf(
      'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n' +
        'Joris,Zand,,,,"UX designer, accessibility nerd","Ik ontwerp ""gewone"" dingen.\nTweede regel, met komma.\n\nDerde alinea: één, café, Søren.",Design,1011AB,Amsterdam,,,\n',
    ),
  'Positions.csv': crlf(
    'Company Name,Title,Description,Location,Started On,Finished On\n' +
      'Plein Telecom,UX designer,"Ontwerp van de app.\nToegankelijkheid, ""WCAG""",Rotterdam,Mar 2021,\n' +
      'Bureau Blauw,Interaction designer,,Utrecht,2017,Feb 2021\n' +
      'Café Løvenborg,Barista,"Koffie, veel koffie",Den Haag,Sep 2014,Dec 2016\n',
  ),
  // An older export: no Activities column.
  'Education.csv': 'School Name,Start Date,End Date,Notes,Degree Name\nHogeschool Rotterdam,Aug 2013,2017,,"Bachelor, Communicatie & Multimedia Design"\n',
  'Skills.csv': 'Name\nFigma\nUser Research\nfigma\nAccessibility\nUSER RESEARCH\n',
  // Header only: the person listed no languages.
  'Languages.csv': 'Name,Proficiency\n',
  // An older export: no License Number column.
  'Certifications.csv': 'Name,Url,Authority,Started On,Finished On\nCPACC,https://www.accessibilityassociation.org/,IAAP,Jun 2022,\nEvil,javascript:alert(1),Nobody,2020,\n',
  // Other people's data: must never be read or stored.
  'Connections.csv': `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nWilhelmina,Zonnebloem,https://www.linkedin.com/in/wz,${'wilhelmina@example.com'},Acme,CEO,12 Mar 2020\n`,
  'messages.csv': `CONVERSATION ID,FROM,TO,CONTENT\n1,${CONNECTION_NAME},Joris,"Geheim bericht van ${CONNECTION_NAME}"\n`,
};

function exportZip(files: Record<string, string>, folder = 'Basic_LinkedInDataExport_11-22-2026/'): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[`${folder}${name}`] = strToU8(text);
  return Buffer.from(zipSync(entries));
}

/** A ZIP written as a stream (sizes in data descriptors after each file, as Java's zip writer does). */
function streamedZip(entries: Record<string, Uint8Array>): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const [name, bytes] of Object.entries(entries)) {
    const file = new ZipDeflate(name, { level: 1 });
    zip.add(file);
    file.push(bytes, true);
  }
  zip.end();
  return Buffer.concat(parts);
}

/**
 * A ZIP holding one file of `megabytes` MB of zeros, written by hand so a 200 MB bomb takes
 * milliseconds to build: one deflated megabyte ending in a full flush is repeated, then closed.
 * `declared` makes the headers lie about the size; `descriptor` leaves the sizes out of the local header.
 */
function zerosZip(name: string, megabytes: number, { declared, descriptor = false }: { declared?: number; descriptor?: boolean } = {}): Buffer {
  const mb = Buffer.alloc(1 << 20);
  const block = zlib.deflateRawSync(mb, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const data = Buffer.concat([...Array.from({ length: megabytes }, () => block), Buffer.from([0x03, 0x00])]);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = zlib.crc32(mb, crc);
  const size = declared ?? megabytes * (1 << 20);
  const fname = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(descriptor ? 8 : 0, 6);
  local.writeUInt16LE(8, 8); // deflate
  if (!descriptor) {
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
  }
  local.writeUInt16LE(fname.length, 26);
  const dd = Buffer.alloc(descriptor ? 16 : 0);
  if (descriptor) {
    dd.writeUInt32LE(0x08074b50, 0);
    dd.writeUInt32LE(crc, 4);
    dd.writeUInt32LE(data.length, 8);
    dd.writeUInt32LE(size, 12);
  }
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(descriptor ? 8 : 0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(fname.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + fname.length, 12);
  eocd.writeUInt32LE(30 + fname.length + data.length + dd.length, 16);
  return Buffer.concat([local, fname, data, dd, central, fname, eocd]);
}

const PREVIEW = `query($ids: [ID!]!) { previewLinkedInImport(uploadIds: $ids) {
  headline about skills files ignoredFiles
  counts { experience education skills languages certifications }
  experience { index company title description location startedOn finishedOn }
  education { index school degree notes activities startedOn finishedOn }
  languages { index name proficiency }
  certifications { index name url authority licenseNumber startedOn finishedOn }
} }`;
const APPLY = `mutation($input: ApplyLinkedInImportInput!) { applyLinkedInImport(input: $input) { id displayName } }`;

describe('LinkedIn import', () => {
  let app: TestApp;
  let ds: DataSource;

  const upload = async (token: string, bytes: Buffer, filename: string): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), filename);
    const res = await fetch(`${app.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
    return body.id;
  };
  const profileOf = async (personId: string) => {
    const [row] = await ds.query(`SELECT headline, about, skills, languages, experience, education, certifications FROM person_profiles WHERE person_id = $1`, [personId]);
    return row as Record<string, unknown> | undefined;
  };
  const personRow = async (personId: string) => (await ds.query(`SELECT * FROM people WHERE id = $1`, [personId]))[0];
  const login = async (uid: string) => {
    const { accessToken, person } = await app.login(uid);
    return { token: accessToken, id: person.id };
  };

  beforeAll(async () => {
    app = await bootApp();
    ds = app.plein.app.get(DataSource);
  });
  afterAll(() => app.close());

  it('previews a ZIP with its files in a folder, then applies a selection to the profile only', async () => {
    const me = await login('demo.freelancer');
    const hrBefore = await personRow(me.id);
    const uploadId = await upload(me.token, exportZip(FILES), 'Basic_LinkedInDataExport_11-22-2026.zip');

    const preview = await app.gql(PREVIEW, { ids: [uploadId] }, me.token);
    expect(preview.body.errors).toBeUndefined();
    const p = preview.body.data.previewLinkedInImport;
    expect(p.headline).toBe('UX designer, accessibility nerd');
    expect(p.about).toBe('Ik ontwerp "gewone" dingen.\nTweede regel, met komma.\n\nDerde alinea: één, café, Søren.');
    expect(p.counts).toEqual({ experience: 3, education: 1, skills: 3, languages: 0, certifications: 2 });
    expect(p.skills).toEqual(['Figma', 'User Research', 'Accessibility']);
    expect(p.experience[0]).toEqual({
      index: 0,
      company: 'Plein Telecom',
      title: 'UX designer',
      description: 'Ontwerp van de app.\nToegankelijkheid, "WCAG"',
      location: 'Rotterdam',
      startedOn: '2021-03',
      finishedOn: null,
    });
    expect(p.experience[1]).toMatchObject({ index: 1, startedOn: '2017', finishedOn: '2021-02', description: null });
    expect(p.experience[2]).toMatchObject({ index: 2, company: 'Café Løvenborg', startedOn: '2014-09', finishedOn: '2016-12' });
    expect(p.education).toEqual([
      { index: 0, school: 'Hogeschool Rotterdam', degree: 'Bachelor, Communicatie & Multimedia Design', notes: null, activities: null, startedOn: '2013-08', finishedOn: '2017' },
    ]);
    expect(p.certifications).toEqual([
      { index: 0, name: 'CPACC', url: 'https://www.accessibilityassociation.org/', authority: 'IAAP', licenseNumber: null, startedOn: '2022-06', finishedOn: null },
      { index: 1, name: 'Evil', url: null, authority: 'Nobody', licenseNumber: null, startedOn: '2020', finishedOn: null },
    ]);
    expect(p.files).toHaveLength(6);
    expect(p.ignoredFiles).toEqual(expect.arrayContaining([expect.stringMatching(/Connections\.csv$/), expect.stringMatching(/messages\.csv$/)]));
    // A preview saves nothing.
    expect(await profileOf(me.id)).toBeUndefined();

    const applied = await app.gql(
      APPLY,
      { input: { uploadIds: [uploadId], headline: true, about: false, experience: [0, 2], skills: ['figma', 'Accessibility'], certifications: [0], mode: 'MERGE' } },
      me.token,
    );
    expect(applied.body.errors).toBeUndefined();
    const profile = await profileOf(me.id);
    expect(profile).toMatchObject({
      headline: 'UX designer, accessibility nerd',
      about: null,
      skills: ['Figma', 'Accessibility'],
      languages: [],
      education: [],
    });
    expect((profile?.experience as { company: string }[]).map((e) => e.company)).toEqual(['Plein Telecom', 'Café Løvenborg']);
    expect(profile?.certifications).toEqual([
      { name: 'CPACC', url: 'https://www.accessibilityassociation.org/', authority: 'IAAP', licenseNumber: null, startedOn: '2022-06', finishedOn: null },
    ]);

    // HR's fields are untouched: the people row is exactly as before.
    expect(await personRow(me.id)).toEqual(hrBefore);
    // Nothing of the connections or messages is stored anywhere in the profiles, and the upload is gone.
    const leaked = await ds.query(`SELECT person_id FROM person_profiles p WHERE row_to_json(p)::text ILIKE '%zonnebloem%' OR row_to_json(p)::text ILIKE '%wilhelmina%'`);
    expect(leaked).toEqual([]);
    expect(await ds.query(`SELECT 1 FROM uploads WHERE id = $1`, [uploadId])).toHaveLength(0);
    // The used upload cannot be applied again.
    const again = await app.gql(APPLY, { input: { uploadIds: [uploadId], headline: true, mode: 'MERGE' } }, me.token);
    expect(again.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('merges without duplicates and replaces only the chosen sections', async () => {
    const me = await login('demo.contractor');
    await ds.query(
      `INSERT INTO person_profiles (person_id, headline, about, skills, experience) VALUES ($1, 'Mijn kop', 'Over mij', ARRAY['FIGMA','Kubernetes'], $2::jsonb)`,
      [me.id, JSON.stringify([{ company: 'plein telecom', title: 'ux designer', description: null, location: null, startedOn: '2021-03', finishedOn: null }])],
    );
    const zip = exportZip(FILES, '');
    const merge = await app.gql(
      APPLY,
      { input: { uploadIds: [await upload(me.token, zip, 'export.zip')], experience: [0, 1], skills: ['Figma', 'User Research'], mode: 'MERGE' } },
      me.token,
    );
    expect(merge.body.errors).toBeUndefined();
    let profile = await profileOf(me.id);
    expect(profile?.skills).toEqual(['FIGMA', 'Kubernetes', 'User Research']);
    expect((profile?.experience as { company: string }[]).map((e) => e.company)).toEqual(['plein telecom', 'Bureau Blauw']);
    expect(profile).toMatchObject({ headline: 'Mijn kop', about: 'Over mij' });

    const replace = await app.gql(
      APPLY,
      { input: { uploadIds: [await upload(me.token, zip, 'export.zip')], about: true, experience: [2], skills: ['accessibility'], mode: 'REPLACE' } },
      me.token,
    );
    expect(replace.body.errors).toBeUndefined();
    profile = await profileOf(me.id);
    expect(profile?.skills).toEqual(['Accessibility']);
    expect((profile?.experience as { company: string }[]).map((e) => e.company)).toEqual(['Café Løvenborg']);
    expect(profile?.about).toMatch(/^Ik ontwerp "gewone" dingen\./);
    expect(profile?.headline).toBe('Mijn kop'); // not chosen: unchanged
  });

  it('accepts loose CSV files as several uploads', async () => {
    const me = await login('demo.employee');
    const ids = [
      await upload(me.token, Buffer.from(FILES['Positions.csv']), 'Positions.csv'),
      await upload(me.token, Buffer.from(FILES['Skills.csv']), 'Skills (1).csv'),
      await upload(me.token, Buffer.from(FILES['Connections.csv']), 'Connections.csv'),
    ];
    const preview = await app.gql(PREVIEW, { ids }, me.token);
    expect(preview.body.errors).toBeUndefined();
    const p = preview.body.data.previewLinkedInImport;
    expect(p.counts).toEqual({ experience: 3, education: 0, skills: 3, languages: 0, certifications: 0 });
    expect(p.headline).toBeNull();
    expect(p.ignoredFiles).toEqual(['Connections.csv']);
    const applied = await app.gql(APPLY, { input: { uploadIds: ids, experience: [1], mode: 'REPLACE' } }, me.token);
    expect(applied.body.errors).toBeUndefined();
    expect((await profileOf(me.id))?.experience).toEqual([
      { company: 'Bureau Blauw', title: 'Interaction designer', description: null, location: 'Utrecht', startedOn: '2017', finishedOn: '2021-02' },
    ]);
    expect(await ds.query(`SELECT 1 FROM uploads WHERE id = ANY($1)`, [ids])).toHaveLength(0);
  });

  it('keeps only the files it reads from the moment of upload: an export never previewed holds no one else\'s data', async () => {
    const me = await login('demo.ceo');
    const folder = 'Basic_LinkedInDataExport_11-22-2026/';
    // Stored, not deflated: other people's data would be there as plain text.
    const plain = Buffer.from(zipSync(Object.fromEntries(Object.entries(FILES).map(([name, text]) => [`${folder}${name}`, strToU8(text)])), { level: 0 }));
    expect(plain.includes('wilhelmina@example.com')).toBe(true);
    const zipId = await upload(me.token, plain, 'Basic_LinkedInDataExport_11-22-2026.zip');
    const looseId = await upload(me.token, Buffer.from(FILES['Connections.csv']), 'Connections.csv');
    const stored = async (id: string) => ((await ds.query(`SELECT bytes FROM uploads WHERE id = $1`, [id])) as { bytes: Buffer }[])[0].bytes;
    const zipped = await stored(zipId);
    for (const bytes of [zipped, await stored(looseId)]) {
      expect(bytes.includes('wilhelmina@example.com')).toBe(false);
      expect(bytes.includes(CONNECTION_NAME)).toBe(false);
    }
    const entries = unzipSync(new Uint8Array(zipped));
    expect(entries[`${folder}Connections.csv`]).toHaveLength(0);
    expect(entries[`${folder}messages.csv`]).toHaveLength(0);
    expect(strFromU8(entries[`${folder}Positions.csv`])).toBe(FILES['Positions.csv']);
    expect(Object.keys(entries).filter((n) => entries[n].length > 0)).toHaveLength(6);
    // The preview reads what it always read, and still says what it skipped.
    const p = (await app.gql(PREVIEW, { ids: [zipId, looseId] }, me.token)).body.data.previewLinkedInImport;
    expect(p.counts).toEqual({ experience: 3, education: 1, skills: 3, languages: 0, certifications: 2 });
    expect(p.ignoredFiles).toEqual(expect.arrayContaining([`${folder}Connections.csv`, `${folder}messages.csv`, 'Connections.csv']));

    // An export that cannot be read (cut off after Connections.csv) loses the other files' data too,
    // and is refused by the preview just the same.
    const headers: number[] = [];
    for (let at = plain.indexOf('PK\x03\x04'); at >= 0; at = plain.indexOf('PK\x03\x04', at + 4)) headers.push(at);
    const cutId = await upload(me.token, plain.subarray(0, headers[7] + 40), 'export.zip');
    const cut = await stored(cutId);
    expect(cut.includes('wilhelmina@example.com')).toBe(false);
    expect(cut.includes('Plein Telecom,UX designer')).toBe(true); // the files Plein reads stay as they were
    expect((await app.gql(PREVIEW, { ids: [cutId] }, me.token)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ZIP_DAMAGED' });
  });

  it('reads a ZIP whose sizes come after the data (data descriptors)', async () => {
    const me = await login('demo.moderator');
    const entries = Object.fromEntries(Object.entries(FILES).map(([name, text]) => [`Export/${name}`, strToU8(text)]));
    const id = await upload(me.token, streamedZip(entries), 'export.zip');
    const preview = await app.gql(PREVIEW, { ids: [id] }, me.token);
    expect(preview.body.errors).toBeUndefined();
    expect(preview.body.data.previewLinkedInImport.counts).toEqual({ experience: 3, education: 1, skills: 3, languages: 0, certifications: 2 });
  });

  describe('refuses what is not an export, and changes nothing', () => {
    let me: { token: string; id: string };
    let before: { profile: unknown; person: unknown };
    beforeAll(async () => {
      me = await login('demo.hr');
      await ds.query(`INSERT INTO person_profiles (person_id, headline, skills) VALUES ($1, 'HR-directeur', ARRAY['Arbeidsrecht'])`, [me.id]);
      before = { profile: await profileOf(me.id), person: await personRow(me.id) };
    });
    const unchanged = async () => {
      expect(await profileOf(me.id)).toEqual(before.profile);
      expect(await personRow(me.id)).toEqual(before.person);
    };
    const expectBadInput = async (bytes: Buffer, filename: string, message: RegExp) => {
      const id = await upload(me.token, bytes, filename);
      const preview = await app.gql(PREVIEW, { ids: [id] }, me.token);
      expect(preview.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(preview.body.errors?.[0].message).toMatch(message);
      const applied = await app.gql(APPLY, { input: { uploadIds: [id], headline: true, skills: ['Figma'], mode: 'REPLACE' } }, me.token);
      expect(applied.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      await unchanged();
    };

    it('a zip bomb (200 MB of zeros in Positions.csv)', async () => {
      const bomb = zerosZip('Positions.csv', 200);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      await expectBadInput(bomb, 'export.zip', /unpacks to far more data/);
    });

    it('a zip bomb whose header lies about its size (the inflater stops at the cap)', async () => {
      await expectBadInput(zerosZip('Positions.csv', 200, { declared: 1000 }), 'export.zip', /unpacks to far more data/);
    });

    it('a zip bomb that declares no sizes at all (data descriptors)', async () => {
      await expectBadInput(zerosZip('Skills.csv', 200, { descriptor: true }), 'export.zip', /unpacks to far more data/);
    });

    it('a file that is not a ZIP or CSV', async () => {
      await expectBadInput(Buffer.from('\x89PNG\r\n\x1a\n not really'), 'export.zip', /not a LinkedIn data export/);
    });

    it('a damaged ZIP', async () => {
      const zip = exportZip(FILES);
      await expectBadInput(zip.subarray(0, Math.floor(zip.length / 2)), 'export.zip', /not a ZIP file we can read/);
      await expectBadInput(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'export.zip', /not a ZIP file we can read/);
    });

    it('a ZIP cut off between two files (3 of 8 files, no skills): damaged, not a smaller export', async () => {
      const zip = exportZip(FILES);
      const headers: number[] = [];
      for (let at = zip.indexOf('PK\x03\x04'); at >= 0; at = zip.indexOf('PK\x03\x04', at + 4)) headers.push(at);
      const cut = zip.subarray(0, headers[3]); // Profile, Positions and Education; Skills and the rest never came
      await expectBadInput(cut, 'export.zip', /not a ZIP file we can read/);
      const id = await upload(me.token, cut, 'export.zip');
      expect((await app.gql(PREVIEW, { ids: [id] }, me.token)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ZIP_DAMAGED' });
    });

    it('a ZIP without any profile file', async () => {
      await expectBadInput(exportZip({ 'Connections.csv': FILES['Connections.csv'] }), 'export.zip', /found no LinkedIn profile files/);
    });

    it('a CSV whose columns are not LinkedIn', async () => {
      await expectBadInput(Buffer.from('Naam;Afdeling\nJan;ICT\n'), 'Positions.csv', /lacks the columns/);
    });

    it('indexes and skills that are not in the preview', async () => {
      const id = await upload(me.token, exportZip(FILES), 'export.zip');
      const badIndex = await app.gql(APPLY, { input: { uploadIds: [id], experience: [7], mode: 'MERGE' } }, me.token);
      expect(badIndex.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'experience' } });
      const badSkill = await app.gql(APPLY, { input: { uploadIds: [id], skills: ['Hacking'], mode: 'MERGE' } }, me.token);
      expect(badSkill.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'skills' } });
      const nothing = await app.gql(APPLY, { input: { uploadIds: [id], mode: 'MERGE' } }, me.token);
      expect(nothing.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      await unchanged();
    });

    it("someone else's upload", async () => {
      const other = await login('demo.ceo');
      const theirs = await upload(other.token, exportZip(FILES), 'export.zip');
      const res = await app.gql(PREVIEW, { ids: [theirs] }, me.token);
      expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const applied = await app.gql(APPLY, { input: { uploadIds: [theirs], headline: true, mode: 'REPLACE' } }, me.token);
      expect(applied.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
      await unchanged();
    });
  });
});
