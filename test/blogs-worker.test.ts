import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { createLogger, loadConfig, nestLogger } from '@plein/core';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { resolveInfrastructure } from '../apps/api/src/bootstrap.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { bootApp, TEST_JWT_SECRET, type TestApp } from './support/app.js';

/**
 * The api without inline jobs, and the worker's module in this process on the same database: the
 * worker publishes a scheduled post at its time and tells the blog's subscribers.
 */
describe('blogs on the worker', () => {
  let app: TestApp;
  let worker: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    app = await bootApp({ WORKER_INLINE: 'false' });
    db = app.plein.app.get(DataSource);
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: app.databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      PLEIN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'plein-worker-')),
      LOG_LEVEL: 'silent',
    });
    const logger = nestLogger(createLogger({ level: 'error' }));
    // As apps/worker/src/main.ts: the worker serves no logins and starts no directory.
    const { resolved } = await resolveInfrastructure({ ...config, ldap: { ...config.ldap, url: 'ldap://127.0.0.1:1' } }, logger);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(resolved), { logger });
    await worker.init();
  });
  afterAll(async () => {
    await worker?.close();
    await app?.close();
  });

  it('publishes a due post and notifies subscribers', async () => {
    const [author, reader] = await Promise.all([app.login('demo.hr'), app.login('demo.freelancer')]);
    const first = await app.gql(`mutation { createBlogPost(input: { title: "Eerste", bodyMarkdown: "Hallo", publish: true }) { post { blogId } } }`, {}, author.accessToken);
    const blogId = first.body.data.createBlogPost.post.blogId;
    await app.gql('mutation($b: ID!) { subscribeToBlog(blogId: $b) { id } }', { b: blogId }, reader.accessToken);
    const at = new Date(Date.now() + 2000).toISOString();
    const created = await app.gql(
      'mutation($at: DateTime) { createBlogPost(input: { title: "Straks", bodyMarkdown: "Op tijd.", publishAt: $at }) { post { id status } } }',
      { at },
      author.accessToken,
    );
    const post = created.body.data.createBlogPost.post;
    expect(post.status).toBe('SCHEDULED');
    let status = 'SCHEDULED';
    for (let i = 0; i < 60 && status !== 'PUBLISHED'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const res = await app.gql('query($id: ID!) { blogPost(id: $id) { status } }', { id: post.id }, reader.accessToken);
      status = res.body.data?.blogPost?.status ?? status;
    }
    expect(status).toBe('PUBLISHED');
    let n = 0;
    for (let i = 0; i < 40 && n === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      [{ n }] = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND kind = 'blog_post' AND group_key = $2`, [reader.person.id, `blog-post:${post.id}`]);
    }
    expect(n).toBe(1);
  });
});
