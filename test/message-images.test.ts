import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { messagesClient } from './support/messages.js';

const IMAGE_FIELDS = `id text images { id url alt width height }`;
type Posted = { id: string; text: string; images: { id: string; url: string; alt: string; width: number; height: number }[] };

/** A JPEG 2400 × 1200 with a camera make and a GPS position in its EXIF. */
function jpegWithExif(color = { r: 30, g: 120, b: 200 }): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1200, channels: 3, background: color } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PleinCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1' } })
    .toBuffer();
}
const png = (w = 40, h = 30) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 10, g: 200, b: 10 } } }).png().toBuffer();

describe('message images and hashtag suggestions', () => {
  let app: TestApp;
  let db: DataSource;
  let m: ReturnType<typeof messagesClient>;
  let employee: string;
  let contractor: string;

  const upload = async (token: string, bytes: Buffer, filename: string, type = 'image/jpeg'): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename);
    const res = await fetch(`${app.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
    return body.id;
  };
  const post = (token: string, input: Record<string, unknown>) =>
    m.call<{ postMessage: Posted }>(token, `mutation P($input: PostMessageInput!) { postMessage(input: $input) { ${IMAGE_FIELDS} } }`, { input });
  const codeOf = (body: { errors?: { extensions: { code: string } }[] }) => body.errors?.[0]?.extensions.code;
  const count = async (sql: string): Promise<number> => Number((await db.query(sql))[0].n);

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    m = messagesClient(app);
    employee = (await app.login('demo.employee')).accessToken;
    contractor = (await app.login('demo.contractor')).accessToken;
  });
  afterAll(() => app.close());

  describe('images', () => {
    it('re-encodes each image as WebP (at most 1600 px, no EXIF), keeps order and alt text, and serves it', async () => {
      const first = await upload(employee, await jpegWithExif(), 'kantoor.jpg');
      const second = await upload(employee, await png(), 'klein.png', 'image/png');
      const body = await post(employee, {
        text: 'Het nieuwe kantoor',
        audience: 'company',
        images: [{ uploadId: first, alt: '  De  gevel van   het kantoor ' }, { uploadId: second }],
      });
      expect(body.errors).toBeUndefined();
      const msg = body.data!.postMessage;
      expect(msg.images.map((i) => [i.alt, i.width, i.height])).toEqual([
        ['De gevel van het kantoor', 1600, 800],
        ['', 40, 30], // never enlarged
      ]);
      for (const image of msg.images) {
        expect(image.url).toBe(`/message-images/${image.id}`);
        const res = await fetch(`${app.url}${image.url}`); // no token: an <img> cannot send one
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/webp');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const bytes = Buffer.from(await res.arrayBuffer());
        const meta = await sharp(bytes).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(['webp', image.width, image.height]);
        expect(meta.exif).toBeUndefined();
        expect(bytes.includes(Buffer.from('PleinCam'))).toBe(false);
      }
      // The uploads are spent, and a feed shows the same images.
      expect(await db.query('SELECT 1 FROM uploads WHERE id = ANY($1::uuid[])', [[first, second]])).toHaveLength(0);
      const feed = await m.call<{ companyFeed: { edges: { node: Posted }[] } }>(employee, `{ companyFeed(first: 5) { edges { node { ${IMAGE_FIELDS} } } } }`);
      const inFeed = feed.data!.companyFeed.edges.find((e) => e.node.id === msg.id)!.node;
      expect(inFeed.images.map((i) => i.id)).toEqual(msg.images.map((i) => i.id));
    });

    it('accepts a photo without a caption, but not an empty message without images', async () => {
      const body = await post(employee, { text: '  ', audience: 'company', images: [{ uploadId: await upload(employee, await png(), 'a.png', 'image/png'), alt: 'Een groen vlak' }] });
      expect(body.errors).toBeUndefined();
      expect(body.data!.postMessage.text).toBe('');
      expect(body.data!.postMessage.images).toHaveLength(1);
      expect(codeOf(await post(employee, { text: '  ', audience: 'company', images: [] }))).toBe('BAD_USER_INPUT');
    });

    it('refuses five images, a repeated upload, a long description, a non-image and someone else\'s upload, writing nothing', async () => {
      const before = await count('SELECT count(*) AS n FROM messages');
      const beforeImages = await count('SELECT count(*) AS n FROM message_images');
      const five = await Promise.all([1, 2, 3, 4, 5].map(async (i) => upload(employee, await png(10 + i, 10), `p${i}.png`, 'image/png')));
      const tooMany = await post(employee, { text: 'vijf', audience: 'company', images: five.map((uploadId) => ({ uploadId })) });
      expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
      expect(tooMany.errors![0].message).toContain('at most 4 images');
      expect(codeOf(await post(employee, { text: 'dubbel', audience: 'company', images: [{ uploadId: five[0] }, { uploadId: five[0] }] }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await post(employee, { text: 'lang', audience: 'company', images: [{ uploadId: five[0], alt: 'x'.repeat(1001) }] }))).toBe('BAD_USER_INPUT');

      const text = await upload(employee, Buffer.from('not an image at all, just text pretending'), 'fake.jpg');
      const notImage = await post(employee, { text: 'nep', audience: 'company', images: [{ uploadId: five[1] }, { uploadId: text }] });
      expect(codeOf(notImage)).toBe('BAD_USER_INPUT');
      expect(notImage.errors![0].message).toContain('Image 2');

      const theirs = await upload(contractor, await png(), 'theirs.png', 'image/png');
      expect(codeOf(await post(employee, { text: 'van een ander', audience: 'company', images: [{ uploadId: theirs }] }))).toBe('NOT_FOUND');

      expect(await count('SELECT count(*) AS n FROM messages')).toBe(before);
      expect(await count('SELECT count(*) AS n FROM message_images')).toBe(beforeImages);
      // Nothing was used up by a refused post.
      expect(await db.query('SELECT 1 FROM uploads WHERE id = ANY($1::uuid[])', [[five[0], five[1], theirs]])).toHaveLength(3);
    });

    it('stops serving the images of a deleted message', async () => {
      const body = await post(employee, { text: 'even', audience: 'company', images: [{ uploadId: await upload(employee, await png(), 'b.png', 'image/png') }] });
      const image = body.data!.postMessage.images[0];
      expect((await fetch(`${app.url}${image.url}`)).status).toBe(200);
      expect((await m.remove(employee, body.data!.postMessage.id)).errors).toBeUndefined();
      expect((await fetch(`${app.url}${image.url}`)).status).toBe(404);
      expect((await fetch(`${app.url}/message-images/not-a-uuid`)).status).toBe(404);
    });
  });

  describe('hashtagSuggestions', () => {
    const suggest = (token: string, prefix: string, first?: number) =>
      m.call<{ hashtagSuggestions: { tag: string; uses: number }[] }>(token, `query S($p: String!, $f: Int) { hashtagSuggestions(prefix: $p, first: $f) { tag uses } }`, { p: prefix, f: first });

    beforeAll(async () => {
      for (const text of ['#Innovatie dag', 'Weer #innovatie', 'Naar #Innsbruck', '#innovatie_lab start', '#innovatiexlab niet']) {
        await m.post(employee, { text, audience: 'company' });
      }
      await m.post(employee, { text: 'Alleen intern: #innovatiegeheim', audience: 'employees' });
    });

    it('suggests tags by prefix, most used first, normalised like messages', async () => {
      const body = await suggest(employee, '#INN');
      expect(body.errors).toBeUndefined();
      expect(body.data!.hashtagSuggestions).toEqual([
        { tag: 'innovatie', uses: 2 },
        { tag: 'innovatie_lab', uses: 1 },
        { tag: 'innovatiegeheim', uses: 1 },
        { tag: 'innovatiexlab', uses: 1 },
        { tag: 'innsbruck', uses: 1 },
      ]);
      expect((await suggest(employee, 'inn', 2)).data!.hashtagSuggestions.map((s) => s.tag)).toEqual(['innovatie', 'innovatie_lab']);
      // "_" is a character of the tag, not a LIKE wildcard.
      expect((await suggest(employee, 'innovatie_')).data!.hashtagSuggestions.map((s) => s.tag)).toEqual(['innovatie_lab']);
    });

    it('only counts messages the reader may see', async () => {
      const tags = (await suggest(contractor, 'innovatie')).data!.hashtagSuggestions.map((s) => s.tag);
      expect(tags).toContain('innovatie');
      expect(tags).not.toContain('innovatiegeheim');
    });

    it('refuses an empty prefix or one with characters a hashtag cannot have', async () => {
      expect(codeOf(await suggest(employee, '#'))).toBe('BAD_USER_INPUT');
      expect(codeOf(await suggest(employee, 'in%'))).toBe('BAD_USER_INPUT');
      expect(codeOf(await suggest(employee, 'a'.repeat(101)))).toBe('BAD_USER_INPUT');
    });
  });
});
