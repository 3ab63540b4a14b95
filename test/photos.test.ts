import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PhotosService } from '@plein/directory';
import sharp, { type Sharp } from 'sharp';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';

const PERSON_PHOTO = `photo { id small medium large }`;

/** A JPEG 300 wide × 200 high whose EXIF says "rotate 90° to view" and which carries a GPS position. */
async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PleinCam', Model: 'Test 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 18/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A valid PNG header claiming 100000 × 100000 pixels (a decompression bomb for a decoder). */
function hugePngHeader(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(64)), chunk('IEND', Buffer.alloc(0))]);
}

describe('profile photos', () => {
  let app: TestApp;
  let ds: DataSource;
  let employee: { token: string; id: string };
  let contractor: { token: string; id: string };

  const upload = async (token: string, bytes: Buffer, filename: string, type = 'image/jpeg'): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
    const res = await fetch(`${app.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
    return body.id;
  };
  const setMyPhoto = (token: string, uploadId: string) =>
    app.gql(`mutation($id: ID!) { setMyPhoto(uploadId: $id) { id ${PERSON_PHOTO} } }`, { id: uploadId }, token);
  const photoRows = async (personId: string) => (await ds.query(`SELECT id, source, checksum FROM photos WHERE person_id = $1`, [personId])) as { id: string }[];

  beforeAll(async () => {
    app = await bootApp();
    ds = app.plein.app.get(DataSource);
    const e = await app.login('demo.employee');
    const c = await app.login('demo.contractor');
    employee = { token: e.accessToken, id: e.person.id };
    contractor = { token: c.accessToken, id: c.person.id };
  });
  afterAll(() => app.close());

  it('re-encodes a JPEG upright in three sizes with no EXIF left, and serves it publicly', async () => {
    const original = await jpegWithExif();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined(); // the test image really carries EXIF (GPS, orientation)
    expect(before.orientation).toBe(6);

    const uploadId = await upload(employee.token, original, 'holiday.jpg');
    const res = await setMyPhoto(employee.token, uploadId);
    expect(res.body.errors).toBeUndefined();
    const photo = res.body.data.setMyPhoto.photo;
    expect(photo.small).toBe(`/photos/${photo.id}/small`);

    const expected = { small: [64, 64], medium: [256, 256], large: [200, 300] }; // large: upright, not enlarged
    for (const [size, [w, h]] of Object.entries(expected)) {
      const got = await fetch(`${app.url}${photo[size]}`); // no token: <img> cannot send one
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/webp');
      expect(got.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      const bytes = Buffer.from(await got.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', w, h]);
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(bytes.includes(Buffer.from('PleinCam'))).toBe(false);
    }
    const [row] = await ds.query(`SELECT photo_id FROM people WHERE id = $1`, [employee.id]);
    expect(row.photo_id).toBe(photo.id);
    // The upload is used up.
    expect(await ds.query(`SELECT 1 FROM uploads WHERE id = $1`, [uploadId])).toHaveLength(0);

    const me = await app.gql(`{ me { ${PERSON_PHOTO} } }`, {}, contractor.token);
    expect(me.body.data.me.photo).toBeNull();
    const other = await app.gql(`query($id: ID!) { person(id: $id) { ${PERSON_PHOTO} } }`, { id: employee.id }, contractor.token);
    expect(other.body.data.person.photo.id).toBe(photo.id);
  });

  it('accepts a PNG (with transparency) and replaces the previous photo', async () => {
    const png = await sharp({ create: { width: 1200, height: 900, channels: 4, background: { r: 0, g: 120, b: 200, alpha: 0.5 } } }).png().toBuffer();
    const first = (await photoRows(employee.id)).map((r) => r.id);
    const res = await setMyPhoto(employee.token, await upload(employee.token, png, 'me.png', 'image/png'));
    expect(res.body.errors).toBeUndefined();
    const photo = res.body.data.setMyPhoto.photo;
    const rows = await photoRows(employee.id);
    expect(rows.map((r) => r.id)).toEqual([photo.id]);
    expect(first).not.toContain(photo.id);
    const [large] = await ds.query(`SELECT width, height FROM photo_variants WHERE photo_id = $1 AND size = 'large'`, [photo.id]);
    expect(large).toEqual({ width: 800, height: 600 });
    // The old photo's URL no longer answers.
    expect((await fetch(`${app.url}/photos/${first[0]}/small`)).status).toBe(404);
  });

  it.each([
    ['WebP', (img: Sharp) => img.webp()],
    ['AVIF', (img: Sharp) => img.avif({ effort: 0 })],
  ])('accepts %s', async (_name, encode) => {
    const me = await app.login('demo.ceo');
    const bytes = await encode(sharp({ create: { width: 90, height: 120, channels: 3, background: '#2a7' } })).toBuffer();
    const res = await setMyPhoto(me.accessToken, await upload(me.accessToken, bytes, 'photo.bin', 'application/octet-stream'));
    expect(res.body.errors).toBeUndefined();
    const [large] = await ds.query(`SELECT width, height, content_type FROM photo_variants WHERE photo_id = $1 AND size = 'large'`, [res.body.data.setMyPhoto.photo.id]);
    expect(large).toEqual({ width: 90, height: 120, content_type: 'image/webp' });
  });

  it('stores the same photo only once', async () => {
    const png = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#336699' } }).png().toBuffer();
    const a = await setMyPhoto(contractor.token, await upload(contractor.token, png, 'a.png'));
    const b = await setMyPhoto(contractor.token, await upload(contractor.token, png, 'b.png'));
    expect(b.body.data.setMyPhoto.photo.id).toBe(a.body.data.setMyPhoto.photo.id);
    expect(await photoRows(contractor.id)).toHaveLength(1);
    // The HR import path: the same bytes again change nothing either.
    const service = app.plein.app.get(PhotosService);
    const again = await service.storePhoto(contractor.id, png, 'hr');
    expect(again.id).toBe(a.body.data.setMyPhoto.photo.id);
    expect(await photoRows(contractor.id)).toHaveLength(1);
  });

  it.each([
    ['a text file named .jpg', () => Buffer.from('Dit is geen foto, maar een boodschappenlijst.\n'), 'This file is not an image we can read (JPEG, PNG or WebP).'],
    ['a truncated JPEG', async () => (await sharp({ create: { width: 400, height: 400, channels: 3, background: '#888' } }).jpeg().toBuffer()).subarray(0, 300), 'This file is not an image we can read (JPEG, PNG or WebP).'],
    ['a file over 10 MB', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(11 * 1024 * 1024)]), 'The photo is larger than 10 MB. Choose a smaller one.'],
    ['a PNG declaring 10 gigapixels', () => hugePngHeader(), 'The photo has too many pixels (at most 50 megapixels). Choose a smaller one.'],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_name, make, message) => {
    const before = await ds.query(`SELECT photo_id FROM people WHERE id = $1`, [employee.id]);
    const uploadId = await upload(employee.token, await make(), 'photo.jpg');
    const res = await setMyPhoto(employee.token, uploadId);
    expect(res.body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: 'photo' } });
    expect(await ds.query(`SELECT 1 FROM uploads WHERE id = $1`, [uploadId])).toHaveLength(0); // not kept either
    expect(await ds.query(`SELECT photo_id FROM people WHERE id = $1`, [employee.id])).toEqual(before);
    expect(await photoRows(employee.id)).toHaveLength(1);
  });

  it("refuses someone else's upload as NOT_FOUND", async () => {
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#111' } }).png().toBuffer();
    const theirs = await upload(contractor.token, png, 'x.png');
    const res = await setMyPhoto(employee.token, theirs);
    expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    // Still there for its owner.
    expect(await ds.query(`SELECT 1 FROM uploads WHERE id = $1`, [theirs])).toHaveLength(1);
  });

  it('answers 404 for unknown ids, unknown sizes and malformed ids', async () => {
    const [{ id }] = await photoRows(employee.id);
    for (const path of [`/photos/${crypto.randomUUID()}/small`, `/photos/${id}/huge`, `/photos/not-a-uuid/small`, `/photos/${id}/..%2F..%2Fetc`]) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(404);
    }
  });

  it('removes the photo, stored images included', async () => {
    const [{ id }] = await photoRows(employee.id);
    const res = await app.gql(`mutation { removeMyPhoto { ${PERSON_PHOTO} } }`, {}, employee.token);
    expect(res.body.data.removeMyPhoto.photo).toBeNull();
    expect(await photoRows(employee.id)).toHaveLength(0);
    expect(await ds.query(`SELECT 1 FROM photo_variants WHERE photo_id = $1`, [id])).toHaveLength(0);
    expect((await fetch(`${app.url}/photos/${id}/medium`)).status).toBe(404);
  });

  it('needs a login to set a photo', async () => {
    const res = await app.gql(`mutation { removeMyPhoto { id } }`, {});
    expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
