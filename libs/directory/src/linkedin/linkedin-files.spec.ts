import { describe, expect, it } from '@jest/globals';
import { strToU8, unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';
import { reduceLinkedInUpload } from './linkedin-files.js';

const SECRET = 'wilhelmina@example.com';
const FILES: Record<string, string> = {
  'Export/Positions.csv': 'Company Name,Title,Description,Location,Started On,Finished On\nPlein Telecom,UX designer,,Rotterdam,Mar 2021,\n',
  'Export/Connections.csv': `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nWilhelmina,Zonnebloem,,${SECRET},Acme,CEO,12 Mar 2020\n`,
  'Export/Skills.csv': 'Name\nFigma\n',
};

/** Written as a stream with data descriptors, deflate level 0 (stored blocks): the text stays readable in the bytes. */
function streamed(): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const [name, text] of Object.entries(FILES)) {
    const file = new ZipDeflate(name, { level: 0 });
    zip.add(file);
    file.push(strToU8(text), true);
  }
  zip.end();
  return Buffer.concat(parts);
}

describe('reduceLinkedInUpload: what an export keeps when it is uploaded', () => {
  it('a readable export becomes its profile files, others as empty entries', () => {
    const bytes = Buffer.from(zipSync(Object.fromEntries(Object.entries(FILES).map(([n, t]) => [n, strToU8(t)])), { level: 0 }));
    const kept = reduceLinkedInUpload({ filename: 'export.zip', bytes })!;
    const entries = unzipSync(new Uint8Array(kept));
    expect(Object.keys(entries).sort()).toEqual(['Export/Connections.csv', 'Export/Positions.csv', 'Export/Skills.csv']);
    expect(entries['Export/Connections.csv']).toHaveLength(0);
    expect(kept.includes(SECRET)).toBe(false);
  });

  it('an export cut off mid-way (sizes in data descriptors) loses the data of the files Plein does not read', () => {
    const whole = streamed();
    expect(whole.includes(SECRET)).toBe(true);
    const cut = whole.subarray(0, whole.lastIndexOf('PK\x03\x04') + 10); // Skills.csv never arrives whole
    const kept = reduceLinkedInUpload({ filename: 'export.zip', bytes: cut })!;
    expect(kept).toHaveLength(cut.length);
    expect(kept.includes(SECRET)).toBe(false);
    expect(kept.includes('Plein Telecom,UX designer')).toBe(true);
  });

  it('leaves other uploads alone, and keeps a loose Connections.csv empty', () => {
    const photos = Buffer.from(zipSync({ 'H001.jpg': new Uint8Array([0xff, 0xd8, 0xff]) }));
    expect(reduceLinkedInUpload({ filename: 'photos.zip', bytes: photos })).toBeNull();
    expect(reduceLinkedInUpload({ filename: 'staff.csv', bytes: Buffer.from('employee_number,given_name\n') })).toBeNull();
    expect(reduceLinkedInUpload({ filename: 'Connections (1).csv', bytes: Buffer.from(FILES['Export/Connections.csv']) })).toEqual(Buffer.alloc(0));
  });
});
