import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@plein/core';
import { bootApp, type TestApp } from './support/app.js';
import { startStreamingReplica, type Replica } from './support/replica.js';

/**
 * DATABASE_READ_URLS on a real streaming replica (a second embedded PostgreSQL following this
 * file's own primary over the replication protocol). Pausing WAL replay on the replica makes
 * routing visible: a read served by the replica cannot see a write the primary already has.
 */
describe('read replicas: feed and search reads go to DATABASE_READ_URLS', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plein-replica-'));
  chmodSync(dir, 0o755);
  let primary: EmbeddedPostgresHandle;
  let replica: Replica;
  let app: TestApp;
  const token: Record<string, string> = {};

  const companyFeed = async (uid: string): Promise<string[]> => {
    const res = await app.gql<{ companyFeed: { edges: { node: { text: string } }[] } }>('{ companyFeed(first: 50) { edges { node { text } } } }', {}, token[uid]);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.companyFeed.edges.map((e) => e.node.text);
  };
  const searchSkill = async (uid: string, skill: string): Promise<number> => {
    const res = await app.gql<{ searchPeople: { totalCount: number } }>('query($s: String) { searchPeople(skill: $s) { totalCount } }', { s: skill }, token[uid]);
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.searchPeople.totalCount;
  };

  beforeAll(async () => {
    primary = await startEmbeddedPostgres({ dataDir: dir, fast: true, database: 'plein' });
    replica = await startStreamingReplica({ url: primary.url, port: primary.port, pgDir: path.join(dir, 'pg') }, path.join(dir, 'replica'), 'plein');
    app = await bootApp({ DATABASE_URL: primary.url, DATABASE_READ_URLS: replica.url });
    await replica.catchUp(primary.url);
    for (const uid of ['demo.employee', 'demo.hr', 'demo.contractor']) token[uid] = (await app.login(uid)).accessToken;
  });
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await replica?.stop().catch(() => undefined);
    await primary?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves feeds from the replica, while the writer reads their own post from the primary', async () => {
    await replica.pauseReplay();
    try {
      const post = await app.gql('mutation { postMessage(input: { text: "Net geschreven, nog niet gerepliceerd", audience: "company" }) { id } }', {}, token['demo.employee']);
      expect(post.body.errors).toBeUndefined();
      // The primary has it; the paused replica does not: a reader who wrote nothing reads the replica.
      expect(await companyFeed('demo.hr')).not.toContain('Net geschreven, nog niet gerepliceerd');
      expect(await companyFeed('demo.contractor')).not.toContain('Net geschreven, nog niet gerepliceerd');
      // The writer's reads stay on the primary for a while after their own write.
      expect(await companyFeed('demo.employee')).toContain('Net geschreven, nog niet gerepliceerd');
    } finally {
      await replica.resumeReplay();
    }
    await replica.catchUp(primary.url);
    expect(await companyFeed('demo.hr')).toContain('Net geschreven, nog niet gerepliceerd');
  });

  it('serves staff search from the replica too', async () => {
    await replica.pauseReplay();
    try {
      const res = await app.gql('mutation { updateMyProfile(input: { skills: ["Zeppelinvliegen"] }) { id } }', {}, token['demo.contractor']);
      expect(res.body.errors).toBeUndefined();
      expect(await searchSkill('demo.hr', 'Zeppelinvliegen')).toBe(0);
      expect(await searchSkill('demo.contractor', 'Zeppelinvliegen')).toBe(1);
    } finally {
      await replica.resumeReplay();
    }
    await replica.catchUp(primary.url);
    expect(await searchSkill('demo.hr', 'Zeppelinvliegen')).toBe(1);
  });

  it('falls back to the primary when the replica is down', async () => {
    const post = await app.gql('mutation { postMessage(input: { text: "Terwijl de replica weg is", audience: "company" }) { id } }', {}, token['demo.hr']);
    expect(post.body.errors).toBeUndefined();
    await replica.stop();
    try {
      expect(await companyFeed('demo.employee')).toContain('Terwijl de replica weg is');
      expect(await searchSkill('demo.employee', 'Zeppelinvliegen')).toBe(1);
    } finally {
      await replica.start();
    }
  });
});
