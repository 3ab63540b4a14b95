import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InsightsService } from '@plein/insights';
import { PollWrites } from '@plein/polls';
import { DataSource } from 'typeorm';
import { bootApp, type TestApp } from './support/app.js';
import { connectSocket, nextEvent } from './support/socket.js';

type Errs = { errors?: { message: string; extensions: { code: string } & Record<string, unknown> }[] };
type Who = 'author' | 'member' | 'outsider' | 'barrier' | 'moderator';

/**
 * Polls, the proof of the content-kind contract, on a real Postgres: a message carries a poll; votes
 * are validated with codes and go live; results show after voting or closing; anonymous polls name
 * nobody. The policy matrix: the author (demo.hr), a member of the author's closed group
 * (demo.employee), someone outside it (demo.freelancer), a person behind an information barrier from
 * the author (demo.contractor, IT ↔ HR), and a community manager (demo.moderator), over a company
 * poll, a group poll, a hidden poll and a removed poll.
 */
describe('polls', () => {
  let app: TestApp;
  let db: DataSource;
  const token = {} as Record<Who | 'admin', string>;
  const id = {} as Record<Who | 'admin', string>;
  let groupId = '';

  const gql = async (who: Who | 'admin', query: string, variables: Record<string, unknown> = {}) => (await app.gql(query, variables, token[who])).body as { data?: any } & Errs;
  const ok = async (who: Who | 'admin', query: string, variables: Record<string, unknown> = {}) => {
    const body = await gql(who, query, variables);
    if (body.errors) throw new Error(`${who}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const code = (body: Errs) => body.errors?.[0]?.extensions.code ?? 'OK';

  const POLL_FIELDS = `id messageId multipleChoice anonymous closed resultsVisible totalVoters myVoteOptionIds moderationState options { id label votes voters { id } }`;
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
  const postPoll = async (who: Who, text: string, poll: Record<string, unknown>, audience = 'company') =>
    gql(who, `mutation($input: PostPollInput!) { postPoll(input: $input) { id poll { ${POLL_FIELDS} } } }`, { input: { text, audience, poll: { closesAt: inAnHour(), ...poll } } });
  const newPoll = async (text: string, poll: Record<string, unknown> = {}, audience = 'company') => {
    const body = await postPoll('author', text, { options: ['Ja', 'Nee', 'Misschien'], ...poll }, audience);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data.postPoll as { id: string; poll: { id: string; options: { id: string }[] } };
  };
  const vote = (who: Who, pollId: string, optionIds: string[]) => gql(who, `mutation($p: ID!, $o: [ID!]!) { votePoll(pollId: $p, optionIds: $o) { ${POLL_FIELDS} } }`, { p: pollId, o: optionIds });
  const readPoll = async (who: Who, pollId: string) => (await ok(who, `query($id: ID!) { poll(id: $id) { ${POLL_FIELDS} } }`, { id: pollId })).poll;
  const messagePoll = async (who: Who, messageId: string) => {
    const body = await gql(who, `query($id: ID!) { message(id: $id) { id poll { id moderationState } } }`, { id: messageId });
    return body.errors ? code(body) : (body.data.message.poll?.moderationState ?? 'NO_POLL');
  };
  const moderate = (who: Who, itemId: string, action: string) =>
    gql(who, `mutation($input: ModerateItemInput!) { moderateItem(input: $input) { id } }`, { input: { itemType: 'POLL', itemId, action, reason: 'Peiling nakijken' } });
  const report = (who: Who, itemId: string) => gql(who, `mutation($id: ID!) { reportContent(input: { itemType: POLL, itemId: $id, reason: SPAM_OR_ADVERTISING }) { id } }`, { id: itemId });

  beforeAll(async () => {
    app = await bootApp();
    db = app.plein.app.get(DataSource);
    const users: Record<Who | 'admin', string> = { author: 'demo.hr', member: 'demo.employee', outsider: 'demo.freelancer', barrier: 'demo.contractor', moderator: 'demo.moderator', admin: 'demo.admin' };
    for (const [who, uid] of Object.entries(users) as [Who | 'admin', string][]) {
      const session = await app.login(uid);
      token[who] = session.accessToken;
      id[who] = session.person.id;
    }
    // The author's closed group, with the member in it.
    groupId = (await ok('author', `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`, { input: { name: `Peilgroep ${Date.now() % 100000}`, kind: 'CLOSED' } })).createGroup.id;
    await ok('author', `mutation($g: ID!, $p: [ID!]!) { inviteToGroup(groupId: $g, personIds: $p) { personId } }`, { g: groupId, p: [id.member] });
    await ok('member', `mutation($g: ID!) { joinGroup(groupId: $g) { status } }`, { g: groupId });
    // An information barrier between HR (the author) and IT (demo.contractor), both ways.
    const dept = async (c: string) => ((await db.query('SELECT id FROM departments WHERE code = $1', [c])) as { id: string }[])[0].id;
    const seg = async (name: string, departmentId: string) =>
      (await ok('admin', `mutation($n: String!, $d: ID!) { createBarrierSegment(input: { name: $n, kind: DEPARTMENT, departmentId: $d }) { id } }`, { n: name, d: departmentId })).createBarrierSegment.id;
    await ok('admin', `mutation($a: ID!, $b: ID!) { createInformationBarrier(input: { segmentAId: $a, segmentBId: $b, direction: TWO_WAY }) { barrier { id } } }`, {
      a: await seg('HR', await dept('HR')),
      b: await seg('IT', await dept('IT')),
    });
  });
  afterAll(() => app.close());

  describe('validation, with codes', () => {
    it('refuses too few, too many, empty and duplicate options, and a closing time out of range', async () => {
      const refused = async (poll: Record<string, unknown>) => {
        const body = await postPoll('author', 'Ongeldige peiling', poll);
        return [code(body), body.errors?.[0]?.extensions.field, body.errors?.[0]?.extensions.messageKey];
      };
      expect(await refused({ options: ['Alleen'] })).toEqual(['BAD_USER_INPUT', 'poll.options', 'poll.optionCount']);
      expect(await refused({ options: Array.from({ length: 11 }, (_, i) => `Keuze ${i}`) })).toEqual(['BAD_USER_INPUT', 'poll.options', 'poll.optionCount']);
      expect(await refused({ options: ['Ja', '  '] })).toEqual(['BAD_USER_INPUT', 'poll.options.1', 'poll.optionEmpty']);
      expect(await refused({ options: ['Ja', 'ja'] })).toEqual(['BAD_USER_INPUT', 'poll.options', 'poll.optionDuplicate']);
      expect(await refused({ options: ['Ja', 'x'.repeat(201)] })).toEqual(['BAD_USER_INPUT', 'poll.options.1', 'input.tooLong']);
      expect(await refused({ options: ['Ja', 'Nee'], closesAt: new Date(Date.now() + 60_000).toISOString() })).toEqual(['BAD_USER_INPUT', 'poll.closesAt', 'poll.closesAt']);
      expect(await refused({ options: ['Ja', 'Nee'], closesAt: new Date(Date.now() + 91 * 86_400_000).toISOString() })).toEqual(['BAD_USER_INPUT', 'poll.closesAt', 'poll.closesAt']);
      // Nothing was written: no message without its poll.
      expect((await db.query(`SELECT count(*)::int AS n FROM messages WHERE body = 'Ongeldige peiling'`))[0].n).toBe(0);
      // An audience the author may not post to is the message's rule.
      expect(code(await postPoll('outsider', 'Alleen loondienst', { options: ['Ja', 'Nee'] }, 'employees'))).toBe('FORBIDDEN');
    });

    it('takes one option in a single-choice poll, several in a multiple-choice poll, only its own options', async () => {
      const single = await newPoll('Eén keuze?');
      const [a, b] = single.poll.options.map((o) => o.id);
      expect(code(await vote('member', single.poll.id, [a, b]))).toBe('BAD_USER_INPUT');
      expect(code(await vote('member', single.poll.id, []))).toBe('BAD_USER_INPUT');
      expect(code(await vote('member', single.poll.id, ['not-an-id']))).toBe('BAD_USER_INPUT');
      const other = await newPoll('Andere peiling?');
      expect(code(await vote('member', single.poll.id, [other.poll.options[0].id]))).toBe('NOT_FOUND');
      const multi = await newPoll('Meer keuzes?', { multipleChoice: true });
      const voted = (await vote('member', multi.poll.id, multi.poll.options.slice(0, 2).map((o) => o.id))).data!.votePoll;
      expect(voted.myVoteOptionIds.sort()).toEqual(multi.poll.options.slice(0, 2).map((o) => o.id).sort());
      // Voting again replaces the earlier choice.
      const again = (await vote('member', multi.poll.id, [multi.poll.options[2].id])).data!.votePoll;
      expect(again.myVoteOptionIds).toEqual([multi.poll.options[2].id]);
      expect(again.options.map((o: { votes: number }) => o.votes)).toEqual([0, 0, 1]);
    });
  });

  describe('results and names', () => {
    it('shows results after voting (the author always), names voters unless anonymous, and never across a barrier', async () => {
      const named = await newPoll('Pizza of sushi?', { options: ['Pizza', 'Sushi'] });
      const before = await readPoll('member', named.poll.id);
      expect(before).toMatchObject({ resultsVisible: false, totalVoters: null });
      expect(before.options.map((o: { votes: number | null }) => o.votes)).toEqual([null, null]);
      await ok('moderator', `mutation($p: ID!, $o: [ID!]!) { votePoll(pollId: $p, optionIds: $o) { id } }`, { p: named.poll.id, o: [named.poll.options[0].id] });
      const after = (await vote('member', named.poll.id, [named.poll.options[0].id])).data!.votePoll;
      expect(after).toMatchObject({ resultsVisible: true, totalVoters: 2 });
      expect(after.options[0].votes).toBe(2);
      expect(after.options[0].voters.map((v: { id: string }) => v.id).sort()).toEqual([id.member, id.moderator].sort());
      expect((await readPoll('author', named.poll.id)).options[0].votes).toBe(2);

      const secret = await newPoll('Anoniem: tevreden?', { anonymous: true, options: ['Ja', 'Nee'] });
      await vote('member', secret.poll.id, [secret.poll.options[1].id]);
      const seen = await readPoll('author', secret.poll.id);
      expect(seen.options[1].votes).toBe(1);
      expect(seen.options.flatMap((o: { voters: unknown[] }) => o.voters)).toEqual([]);

      const afterClose = await newPoll('Uitslag pas bij sluiten?', { resultsVisibility: 'AFTER_CLOSE', options: ['A', 'B'] });
      const mine = (await vote('member', afterClose.poll.id, [afterClose.poll.options[0].id])).data!.votePoll;
      expect(mine).toMatchObject({ resultsVisible: false, totalVoters: null, myVoteOptionIds: [afterClose.poll.options[0].id] });
    });
  });

  describe('policy matrix', () => {
    const EXPECTED: Record<string, Record<Who, string>> = {
      // What a vote answers, per poll, per person.
      company: { author: 'OK', member: 'OK', outsider: 'OK', barrier: 'NOT_FOUND', moderator: 'OK' },
      group: { author: 'OK', member: 'OK', outsider: 'NOT_FOUND', barrier: 'NOT_FOUND', moderator: 'NOT_FOUND' },
      hidden: { author: 'FORBIDDEN', member: 'NOT_FOUND', outsider: 'NOT_FOUND', barrier: 'NOT_FOUND', moderator: 'FORBIDDEN' },
      removed: { author: 'FORBIDDEN', member: 'NOT_FOUND', outsider: 'NOT_FOUND', barrier: 'NOT_FOUND', moderator: 'FORBIDDEN' },
    };
    // What Message.poll shows: the poll's state, no poll (the message stays), or the message's own code.
    const SEEN: Record<string, Record<Who, string>> = {
      company: { author: 'visible', member: 'visible', outsider: 'visible', barrier: 'NOT_FOUND', moderator: 'visible' },
      group: { author: 'visible', member: 'visible', outsider: 'NOT_FOUND', barrier: 'NOT_FOUND', moderator: 'NOT_FOUND' },
      hidden: { author: 'hidden', member: 'NO_POLL', outsider: 'NO_POLL', barrier: 'NOT_FOUND', moderator: 'hidden' },
      removed: { author: 'removed', member: 'NO_POLL', outsider: 'NO_POLL', barrier: 'NOT_FOUND', moderator: 'removed' },
    };
    const people: Who[] = ['author', 'member', 'outsider', 'barrier', 'moderator'];

    it.each(Object.keys(EXPECTED))('%s poll', async (which) => {
      const made = await newPoll(`Matrix ${which}?`, {}, which === 'group' ? `group:${groupId}` : 'company');
      if (which === 'hidden' || which === 'removed') {
        expect(code(await report('member', made.poll.id))).toBe('OK');
        expect(code(await moderate('moderator', made.poll.id, which === 'hidden' ? 'HIDE' : 'REMOVE'))).toBe('OK');
      }
      const votes: Record<string, string> = {};
      const seen: Record<string, string> = {};
      for (const who of people) {
        votes[who] = code(await vote(who, made.poll.id, [made.poll.options[0].id]));
        seen[who] = await messagePoll(who, made.id);
      }
      expect(votes).toEqual(EXPECTED[which]);
      expect(seen).toEqual(SEEN[which]);
    });

    it('reports only what the reporter may see, and a dismissed hiding brings the poll and its votes back', async () => {
      const made = await newPoll('Terug na afwijzen?');
      await vote('member', made.poll.id, [made.poll.options[1].id]);
      expect(code(await report('barrier', made.poll.id))).toBe('NOT_FOUND');
      expect(code(await report('author', made.poll.id))).toBe('BAD_USER_INPUT');
      expect(code(await report('outsider', made.poll.id))).toBe('OK');
      const item = (await ok('moderator', `query($id: ID!) { reportedItem(itemType: POLL, itemId: $id) { itemId originalText itemState subject { id } } }`, { id: made.poll.id })).reportedItem;
      expect(item).toMatchObject({ itemId: made.poll.id, itemState: 'visible', subject: { id: id.author } });
      expect(item.originalText).toBe('Terug na afwijzen?\n- Ja\n- Nee\n- Misschien');
      expect(code(await moderate('moderator', made.poll.id, 'HIDE'))).toBe('OK');
      expect(await messagePoll('member', made.id)).toBe('NO_POLL');
      expect(code(await moderate('moderator', made.poll.id, 'DISMISS'))).toBe('OK');
      expect(await messagePoll('member', made.id)).toBe('visible');
      expect((await readPoll('member', made.poll.id)).options[1].votes).toBe(1);
      const audit = (await ok('admin', `{ moderationAudit(first: 50) { event itemType itemId after } }`)).moderationAudit.find((e: any) => e.event === 'action.hide' && e.itemId === made.poll.id);
      expect(audit.itemType).toBe('poll');
      expect(JSON.parse(audit.after)).toMatchObject({ pollState: 'hidden' });
    });

    it('goes with its message: a hidden message takes its poll along', async () => {
      const made = await newPoll('Bericht verborgen?');
      await gql('outsider', `mutation($id: ID!) { reportContent(input: { itemType: MESSAGE, itemId: $id, reason: SPAM_OR_ADVERTISING }) { id } }`, { id: made.id });
      expect(code(await gql('moderator', `mutation($input: ModerateItemInput!) { moderateItem(input: $input) { id } }`, { input: { itemType: 'MESSAGE', itemId: made.id, action: 'HIDE', reason: 'Nakijken' } }))).toBe('OK');
      expect(code(await vote('member', made.poll.id, [made.poll.options[0].id]))).toBe('NOT_FOUND');
      expect((await ok('member', `query($id: ID!) { poll(id: $id) { id } }`, { id: made.poll.id })).poll).toBeNull();
      expect(await messagePoll('author', made.id)).toBe('visible');
    });
  });

  describe('live, closing, notifications and insights', () => {
    it('sends a vote live to the audience, and replays it only to those who may read the poll', async () => {
      const [{ max }] = await db.query('SELECT coalesce(max(id), 0)::text AS max FROM realtime_events');
      const made = await newPoll('Live stemmen?');
      const socket = await connectSocket(app.url, token.member);
      try {
        const heard = nextEvent<{ pollId: string; messageId: string }>(socket, 'poll.voted', 5000);
        await vote('outsider', made.poll.id, [made.poll.options[0].id]);
        expect(await heard).toMatchObject({ pollId: made.poll.id, messageId: made.id });
      } finally {
        socket.close();
      }
      const replay = async (who: Who) =>
        (await ok(who, `query($id: ID!) { eventsSince(lastEventId: $id) { type payload } }`, { id: max })).eventsSince.filter((e: any) => e.type === 'poll.voted' && JSON.parse(e.payload).pollId === made.poll.id).length;
      expect(await replay('member')).toBe(1);
      expect(await replay('barrier')).toBe(0);
    });

    it('closes when due, tells the author once, refuses later votes, and insights count the votes', async () => {
      const made = await newPoll('Sluit vanzelf?', { resultsVisibility: 'AFTER_CLOSE', options: ['Ochtend', 'Middag'] });
      await vote('member', made.poll.id, [made.poll.options[1].id]);
      await vote('outsider', made.poll.id, [made.poll.options[1].id]);
      await db.query(`UPDATE polls SET closes_at = now() - interval '1 second' WHERE id = $1`, [made.poll.id]);
      expect(await app.plein.app.get(PollWrites).closeDue()).toContain(made.poll.id);
      expect(await app.plein.app.get(PollWrites).closeDue()).not.toContain(made.poll.id);
      expect(code(await vote('moderator', made.poll.id, [made.poll.options[0].id]))).toBe('CONFLICT');
      const closed = await readPoll('member', made.poll.id);
      expect(closed).toMatchObject({ closed: true, resultsVisible: true, totalVoters: 2 });
      const notes = (await ok('author', `{ notifications(first: 50) { edges { node { kind url summary subject } } } }`)).notifications.edges
        .map((e: any) => e.node)
        .filter((n: any) => n.kind === 'POLL_CLOSED' && n.subject === `poll:${made.poll.id}`);
      expect(notes).toEqual([{ kind: 'POLL_CLOSED', url: `/messages/${made.id}`, summary: 'Your poll has closed: see the results.', subject: `poll:${made.poll.id}` }]);

      const [{ n: cast }] = await db.query(`SELECT count(*)::int AS n FROM poll_votes WHERE created_at >= date_trunc('week', now())`);
      await app.plein.app.get(InsightsService).rollup();
      const weeks = (await ok('moderator', `{ insightsDashboard(weeks: 1) { weeks { kindCounts { metric value } } } }`)).insightsDashboard.weeks;
      expect(weeks[0].kindCounts).toEqual(expect.arrayContaining([{ metric: 'poll_votes', value: cast }, expect.objectContaining({ metric: 'messages' })]));
      expect(cast).toBeGreaterThanOrEqual(2);
    });

    it('lets only the author close early', async () => {
      const made = await newPoll('Vroeg sluiten?');
      expect(code(await gql('member', `mutation($p: ID!) { closePoll(pollId: $p) { id } }`, { p: made.poll.id }))).toBe('FORBIDDEN');
      expect((await ok('author', `mutation($p: ID!) { closePoll(pollId: $p) { closed } }`, { p: made.poll.id })).closePoll.closed).toBe(true);
      expect(code(await gql('author', `mutation($p: ID!) { closePoll(pollId: $p) { id } }`, { p: made.poll.id }))).toBe('CONFLICT');
    });
  });
});
