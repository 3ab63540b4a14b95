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
    const one = await app.gql<{ sentMailMessage: { html: string; text: string; listUnsubscribe: string | null } }>(
      `query($id: String!) { sentMailMessage(id: $id) { html text listUnsubscribe } }`,
      { id: mine.id },
      admin.accessToken,
    );
    const msg = one.body.data!.sentMailMessage;
    expect(msg.text).toContain(`https://plein.test/groups/${group.id}`);
    expect(msg.html).toContain('<!--[if mso');
    expect(msg.listUnsubscribe).toContain('https://plein.test/mail/unsubscribe?t=');
    const bad = await app.gql(`query { sentMailMessage(id: "../../etc/passwd") { id } }`, {}, admin.accessToken);
    expect(bad.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
