import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { InsightsService } from '../libs/insights/src/dashboard/insights.service.js';
import { bootApp, type TestApp } from './support/app.js';

describe('community insights', () => {
  let app: TestApp;
  let db: DataSource;
  let insights: InsightsService;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const ok = async <T = any>(query: string, vars: Record<string, unknown>, who: string): Promise<T> => {
    const res = await app.gql(query, vars, tokens[who]);
    if (res.body.errors) throw new Error(`${who}: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  };

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    insights = app.plein.app.get(InsightsService, { strict: false });
    for (const who of ['employee', 'contractor', 'freelancer', 'hr', 'ceo', 'moderator', 'admin']) {
      const { accessToken, person } = await app.login(`demo.${who}`);
      tokens[who] = accessToken;
      ids[who] = person.id;
    }
    // Activity: every request records the day once (all seven make a request here).
    for (const who of Object.keys(tokens)) await ok(`{ me { id } }`, {}, who);
    const post = async (who: string, text: string) => (await ok(`mutation($t: String!) { postMessage(input: { text: $t, audience: "company" }) { id } }`, { t: text }, who)).postMessage.id as string;
    const a = await post('employee', 'Nieuwe storingsprocedure staat op Plein');
    const b = await post('hr', 'Welkom aan alle nieuwe collega’s deze maand');
    await ok(`mutation($r: ID!) { postMessage(input: { text: "Dank!", replyToId: $r }) { id } }`, { r: a }, 'contractor'); // NET ← IT: cross-department
    await ok(`mutation($id: ID!) { likeMessage(id: $id) { id } }`, { id: b }, 'ceo'); // BOARD → HR
    await ok(`mutation($id: ID!) { reshareMessage(input: { messageId: $id, note: "Lees dit even" }) { id } }`, { id: b }, 'freelancer');
    await ok(`mutation($id: ID!) { reshareMessage(input: { messageId: $id }) { id } }`, { id: a }, 'ceo');
    await ok(`mutation($id: ID!) { follow(personId: $id) { id } }`, { id: ids.hr }, 'employee');
    await ok(`mutation($p: ID!) { setAmbassador(personId: $p, ambassador: true) }`, { p: ids.hr }, 'moderator');
    // Leadership: the CEO (a manager) writes; two readers comment; the CEO answers one of them.
    const blog = (await ok(`mutation { createBlogPost(input: { title: "Onze koers", bodyMarkdown: "Waar we heen gaan.", publish: true }) { post { id } } }`, {}, 'ceo')).createBlogPost.post.id as string;
    await ok(`mutation { createBlogPost(input: { title: "Mijn eerste blog", bodyMarkdown: "Hallo.", publish: true }) { post { id } } }`, {}, 'contractor');
    const question = (await ok(`mutation($p: ID!) { commentOnBlogPost(postId: $p, text: "Wat betekent dit voor ons team?") { id } }`, { p: blog }, 'employee')).commentOnBlogPost.id as string;
    await ok(`mutation($p: ID!) { commentOnBlogPost(postId: $p, text: "Mooi verhaal") { id } }`, { p: blog }, 'freelancer');
    await ok(`mutation($p: ID!, $c: ID!) { commentOnBlogPost(postId: $p, text: "Goede vraag: meer ruimte.", parentId: $c) { id } }`, { p: blog, c: question }, 'ceo');
    // Safety: two reports of one message and one of another; a moderator acts on the first.
    await ok(`mutation($input: ReportInput!) { reportContent(input: $input) { id } }`, { input: { itemType: 'MESSAGE', itemId: a, reason: 'SPAM_OR_ADVERTISING' } }, 'freelancer');
    await ok(`mutation($input: ReportInput!) { reportContent(input: $input) { id } }`, { input: { itemType: 'MESSAGE', itemId: a, reason: 'SPAM_OR_ADVERTISING' } }, 'contractor');
    await ok(`mutation($input: ReportInput!) { reportContent(input: $input) { id } }`, { input: { itemType: 'MESSAGE', itemId: b, reason: 'PRIVACY_BREACH' } }, 'employee');
    await ok(`mutation($id: ID!) { claimReportedItem(itemType: MESSAGE, itemId: $id) { itemId } }`, { id: a }, 'moderator');
    await ok(`mutation($input: ModerateItemInput!) { moderateItem(input: $input) { id } }`, { input: { itemType: 'MESSAGE', itemId: a, action: 'DISMISS', reason: 'Geen spam.' } }, 'moderator');
    await insights.rollup();
  });
  afterAll(async () => {
    await app.close();
  });

  const DASHBOARD = `{ insightsDashboard(weeks: 4) {
      weeks { weekStart activePeople activeShare postersShare messages replies likes crossDepartmentShare newCrossDepartmentPairs resharesWithNoteShare campaignCopyShare }
      adoptionByDepartment { name people active7dShare active30dShare }
      adoptionByEmploymentType { name people active7dShare active30dShare }
      ambassadors { personId messages30d followers }
      everyoneMessages30d computedAt } }`;

  it('records one activity row per person per day', async () => {
    await ok(`{ me { id } }`, {}, 'employee');
    const rows = (await db.query('SELECT count(*)::int AS n FROM person_activity_days WHERE person_id = $1', [ids.employee])) as { n: number }[];
    expect(rows[0].n).toBe(1);
  });

  it('answers the dashboard from rollups: adoption, participation, connection, authenticity', async () => {
    const d = (await ok(DASHBOARD, {}, 'moderator')).insightsDashboard;
    expect(d.weeks).toHaveLength(4);
    const now = d.weeks[3];
    expect(now.activePeople).toBeGreaterThanOrEqual(7);
    expect(now.activeShare).toBeGreaterThan(0);
    expect(now.messages).toBe(2);
    expect(now.replies).toBe(1);
    expect(now.likes).toBe(1);
    expect(now.crossDepartmentShare).toBe(1); // reply NET←IT, like BOARD→HR, follow NET→HR
    expect(now.newCrossDepartmentPairs).toBe(3);
    expect(now.resharesWithNoteShare).toBe(0.5);
    expect(d.computedAt).toBeTruthy();
  });

  it('leadership engagement and safety, per week', async () => {
    const d = (
      await ok(`{ insightsDashboard(weeks: 2) { managers weeks { blogPosts managerBlogPosts managerComments managerCommentsAnsweredShare managerMedianSecondsToAnswer
        reports reportedItems medianMinutesToFirstAction } } }`, {}, 'moderator')
    ).insightsDashboard;
    const [{ n: managers }] = (await db.query(`SELECT count(*)::int AS n FROM people p WHERE p.active AND EXISTS (SELECT 1 FROM people r WHERE r.manager_id = p.id AND r.active)`)) as { n: number }[];
    const [{ ceo }] = (await db.query(`SELECT EXISTS (SELECT 1 FROM people r WHERE r.manager_id = $1 AND r.active) AS ceo`, [ids.ceo])) as { ceo: boolean }[];
    expect(ceo).toBe(true);
    expect(managers).toBeGreaterThanOrEqual(5); // the demo company: enough managers to show their figures
    expect(d.managers).toBe(managers);
    const now = d.weeks[1];
    expect(now.blogPosts).toBe(2);
    expect(now.managerBlogPosts).toBe(1); // the contractor manages nobody
    expect(now.managerComments).toBe(2);
    expect(now.managerCommentsAnsweredShare).toBe(0.5);
    expect(now.managerMedianSecondsToAnswer).toBeGreaterThanOrEqual(0);
    expect(now.reports).toBe(3);
    expect(now.reportedItems).toBe(2);
    expect(now.medianMinutesToFirstAction).toBeGreaterThanOrEqual(0);
    expect(d.weeks[0].reports).toBe(0);
    expect(d.weeks[0].medianMinutesToFirstAction).toBeNull();
  });

  it('never shows a group of fewer than 5 people apart', async () => {
    const d = (await ok(DASHBOARD, {}, 'admin')).insightsDashboard;
    for (const s of [...d.adoptionByDepartment, ...d.adoptionByEmploymentType]) expect(s.people).toBeGreaterThanOrEqual(5);
    const types = d.adoptionByEmploymentType.map((s: { name: string }) => s.name);
    expect(types).toContain('employee');
    const employees = d.adoptionByEmploymentType.find((s: { name: string }) => s.name === 'employee');
    expect(employees.active7dShare).toBeGreaterThan(0);
  });

  it('lists ambassadors with their activity next to everyone, and shows the badge on Person', async () => {
    const d = (await ok(DASHBOARD, {}, 'moderator')).insightsDashboard;
    expect(d.ambassadors).toEqual([{ personId: ids.hr, messages30d: 1, followers: 1 }]);
    expect(d.everyoneMessages30d).toBeGreaterThan(0);
    expect((await ok(`query($id: ID!) { person(id: $id) { ambassador } }`, { id: ids.hr }, 'employee')).person.ambassador).toBe(true);
  });

  it('exports CSV in the reader’s language and refuses members', async () => {
    // Dutch by default (the language stored on the person): headers and segment names are words.
    const nl = (await ok(`{ insightsCsv(weeks: 2) }`, {}, 'moderator')).insightsCsv as string;
    expect(nl.split('\n')[0]).toMatch(/^Week \(maandag\),Actieve mensen,Aandeel actief,/);
    expect(nl.split('\n')[0]).toContain(',Blogposts,Blogposts van leidinggevenden,Reacties aan leidinggevenden,');
    expect(nl.split('\n')[0]).toMatch(/,Rapportages,Gerapporteerde items,Mediane tijd tot eerste actie \(minuten\)$/);
    expect(nl).toContain('\nDienstverband,Loondienst,');
    expect(nl).toMatch(/\nAmbassadeur,Berichten \(30 dagen\),Ontvangen likes \(30 dagen\),Volgers\n[^\n]*,1,\d+,1\n/);
    expect(nl).not.toMatch(/employee|week_start|ambassador/);
    // The same export for someone who chose English.
    expect((await ok(`mutation { setMyLanguage(language: "en") { id } }`, {}, 'moderator')).setMyLanguage.id).toBeTruthy();
    try {
      const en = (await ok(`{ insightsCsv(weeks: 2) }`, {}, 'moderator')).insightsCsv as string;
      expect(en.split('\n')[0]).toMatch(/^Week \(Monday\),Active people,Share active,/);
      expect(en).toContain('\nEmployment type,Payroll,');
      expect(en).toMatch(/\nAmbassador,Messages \(30 days\),Likes received \(30 days\),Followers\n[^\n]*,1,\d+,1\n/);
      expect(en).not.toMatch(/Actieve mensen|Loondienst/);
    } finally {
      await ok(`mutation { setMyLanguage(language: "nl") { id } }`, {}, 'moderator');
    }
    for (const q of [`{ insightsCsv }`, `{ insightsDashboard { computedAt } }`]) {
      expect((await app.gql(q, {}, tokens.employee)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    const denied = await app.gql(`mutation($p: ID!) { setAmbassador(personId: $p, ambassador: true) }`, { p: ids.employee }, tokens.employee);
    expect(denied.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
