import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { NotificationMailService } from '../libs/mail/src/index.js';
import { bootApp, type TestApp } from './support/app.js';

/**
 * The embedded default (no SMTP_URL): each mail is an .eml file under PLEIN_DATA_DIR/mail, and
 * admins read them, read-only, through `sentMail` / `sentMailMessage`. Also: a join request to a
 * group one runs mails its admins, with a link to the group.
 */
describe('mail without SMTP_URL', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    app = await bootApp({ PUBLIC_URL: 'https://plein.test' });
    db = app.plein.app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('writes a join-request mail for the group admin as an .eml file that admins can read in the app', async () => {
    const admin = await app.login('demo.admin');
    const owner = await app.login('demo.employee');
    const [asker]: { id: string }[] = await db.query(`SELECT id FROM people WHERE uid = 'demo.hr'`);
    const [group]: { id: string }[] = await db.query(
      `INSERT INTO groups (name, name_key, category, kind, created_by) VALUES ('Fietsclub', 'fietsclub', 'social', 'closed', $1) RETURNING id`,
      [owner.person.id],
    );
    const t0 = new Date(Date.now() + 3600_000);
    await db.query(`INSERT INTO group_memberships (group_id, person_id, role, status) VALUES ($1, $2, 'owner', 'active')`, [group.id, owner.person.id]);
    await db.query(`INSERT INTO group_memberships (group_id, person_id, role, status, created_at) VALUES ($1, $2, 'member', 'requested', $3)`, [
      group.id,
      asker.id,
      new Date(t0.getTime() - 5 * 60_000),
    ]);
    await app.plein.app.get(NotificationMailService).tick(t0);
    const dir = path.join(app.plein.config.dataDir, 'mail');
    expect(existsSync(dir)).toBe(true);
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml') && f.includes(owner.person.id));
    expect(files).toHaveLength(1);

    const denied = await app.gql(`{ sentMail { id } }`, {}, owner.accessToken);
    expect(denied.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const list = await app.gql<{ sentMail: { id: string; to: string; subject: string }[] }>(`{ sentMail(first: 10) { id to subject } }`, {}, admin.accessToken);
    const mine = list.body.data!.sentMail.find((m) => m.id === files[0].slice(0, -4))!;
    expect(mine.subject).toContain('wil lid worden van Fietsclub');
    const one = await app.gql<{ sentMailMessage: { html: string; text: string; listUnsubscribe: string | null; previewUrl: string } }>(
      `query($id: String!) { sentMailMessage(id: $id) { html text listUnsubscribe previewUrl } }`,
      { id: mine.id },
      admin.accessToken,
    );
    const msg = one.body.data!.sentMailMessage;
    expect(msg.text).toContain(`https://plein.test/groups/${group.id}`);
    expect(msg.html).toContain('<!--[if mso');
    expect(msg.listUnsubscribe).toContain('https://plein.test/mail/unsubscribe?t=');
    const bad = await app.gql(`query { sentMailMessage(id: "../../etc/passwd") { id } }`, {}, admin.accessToken);
    expect(bad.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');

    // The preview link: the mail's HTML with its inline styles allowed, no script, framed by Plein only.
    expect(msg.previewUrl).toMatch(new RegExp(`^/mail/preview/${mine.id.replace(/[.]/g, '\\.')}\\?e=\\d{13}&s=[\\w-]{22}$`));
    const preview = await fetch(`${app.url}${msg.previewUrl}`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = preview.headers.get('content-security-policy')!;
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain('sandbox');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/script-src/);
    expect(await preview.text()).toBe(msg.html);
    // A forged, altered or expired link shows nothing.
    const u = new URL(msg.previewUrl, app.url);
    const forged = new URL(u);
    forged.searchParams.set('s', 'A'.repeat(22));
    const longer = new URL(u);
    longer.searchParams.set('e', String(Number(u.searchParams.get('e')) + 60_000));
    const expired = new URL(u);
    expired.searchParams.set('e', String(Date.now() - 1000));
    const other = new URL(u);
    other.pathname = '/mail/preview/someone-else';
    for (const link of [forged, longer, expired, other]) expect((await fetch(link)).status).toBe(404);
  });
});
