// npm run bench:campaigns — campaign detection cost per new message as the history grows.
// Seeds message fingerprints spread over a year (1% are copies of 200 circulating campaign texts),
// keeps band keys for the detection window only (what the nightly prune leaves), then runs the real
// CampaignsService.assign (from the build) for new messages at growing history sizes, next to a raw
// single-row INSERT of the same fingerprint as the baseline, in the same run.
//   node scripts/bench-campaigns.mjs --messages 2000000 --new 2000
// Options: --messages N (2000000, history at the last step)  --new N (1000, measured per step)
//          BENCH_DATABASE_URL=... a migrated, empty database instead of a fresh embedded PostgreSQL
//          PLEIN_DIST=dist/apps/api where the build lives
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { distImport, figure, pct, reportResult, startBenchDatabase } from './bench-support.mjs';

const { values: opts } = parseArgs({
  options: { messages: { type: 'string', default: '2000000' }, new: { type: 'string', default: '1000' } },
  strict: false,
});
const HISTORY = Number(process.env.BENCH_MESSAGES ?? opts.messages);
const NEW = Number(process.env.BENCH_NEW ?? opts.new);
// A test harness may hand in the classes (ts sources); the npm script uses the build.
const injected = globalThis.__PLEIN_BENCH_CAMPAIGNS__;
const { CampaignsService, CAMPAIGN_WINDOW_DAYS } = injected ?? (await distImport('libs/insights/src/campaigns/campaigns.service.js'));
const { normaliseText, signatureOf, bandKeys } = injected ?? (await distImport('libs/insights/src/campaigns/minhash.js'));

// Dutch-ish vocabulary; a text is 12-30 words, so most texts are unlike each other.
const VOCAB = ('klant netwerk storing monteur glasvezel mobiel team project planning vandaag morgen week kantoor '
  + 'winkel abonnement factuur levering update release dienst collega nieuw snel trots samen vergadering '
  + 'overleg kwartaal resultaat groei markt prijs actie campagne bericht vraag antwoord hulp idee plan '
  + 'data cloud beveiliging incident oplossing proces verbetering training sessie presentatie workshop')
  .split(' ');
let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const randomText = () => Array.from({ length: 12 + Math.floor(rand() * 19) }, () => VOCAB[Math.floor(rand() * VOCAB.length)]).join(' ');
const CAMPAIGNS = Array.from({ length: 200 }, (_, i) => `Campagne ${i}: ${randomText()} #trots`);
const AUTHORS = Array.from({ length: 2000 }, () => randomUUID());

async function seedHistory(c, from, to) {
  // Older than the window: only the fingerprint row stays (its band keys were pruned), so it is
  // written in SQL with a placeholder signature; the window's messages get real signatures and keys.
  const inWindow = Math.round(((to - from) * CAMPAIGN_WINDOW_DAYS) / 365);
  await c.query(
    `INSERT INTO message_fingerprints (message_id, author_id, created_at, signature, word_count)
     SELECT gen_random_uuid(), gen_random_uuid(), now() - make_interval(days => ${CAMPAIGN_WINDOW_DAYS}) - random() * interval '350 days',
            array_fill(g % 1000, ARRAY[32]), 20
       FROM generate_series(1, $1::int) g`,
    [to - from - inWindow],
  );
  const windowMs = CAMPAIGN_WINDOW_DAYS * 86_400_000;
  const BATCH = 5000;
  for (let start = 0; start < inWindow; start += BATCH) {
    const f = { id: [], author: [], at: [], sig: [], words: [] };
    const k = { key: [], id: [], at: [] };
    for (let i = start; i < Math.min(inWindow, start + BATCH); i++) {
      const text = rand() < 0.01 ? CAMPAIGNS[Math.floor(rand() * CAMPAIGNS.length)] : randomText();
      const words = normaliseText(text);
      const sig = signatureOf(words);
      const id = randomUUID();
      const at = new Date(Date.now() - 60_000 - rand() * (windowMs - 3_600_000));
      f.id.push(id); f.author.push(AUTHORS[i % AUTHORS.length]); f.at.push(at.toISOString()); f.sig.push(`{${sig.join(',')}}`); f.words.push(words.length);
      for (const key of bandKeys(sig)) { k.key.push(String(key)); k.id.push(id); k.at.push(at.toISOString()); }
    }
    await c.query(
      `INSERT INTO message_fingerprints (message_id, author_id, created_at, signature, word_count)
       SELECT a, b, c, d::int[], e FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[], $5::int[]) AS u(a, b, c, d, e)`,
      [f.id, f.author, f.at, f.sig, f.words],
    );
    await c.query('INSERT INTO campaign_band_keys SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[])', [k.key, k.id, k.at]);
  }
  await c.query('VACUUM ANALYZE message_fingerprints');
  await c.query('VACUUM ANALYZE campaign_band_keys');
}

let bench;
let ds;
const rows = [];
try {
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    bench = await startBenchDatabase('campaigns', { sharedBuffers: '512MB' });
    url = bench.url;
  }
  const { DataSource } = await import('typeorm');
  ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  const service = new CampaignsService(ds, null, null);
  const c = new pg.Client({ connectionString: url });
  await c.connect();

  const steps = [...new Set([Math.round(HISTORY / 10), Math.round(HISTORY / 2), HISTORY])].filter((n) => n > 0);
  let have = 0;
  for (const target of steps) {
    const t0 = performance.now();
    await seedHistory(c, have, target);
    const seedMs = performance.now() - t0;
    have = target;
    const detect = [];
    const raw = [];
    let joined = 0;
    for (let i = 0; i < NEW; i++) {
      const body = i % 10 === 0 ? `${CAMPAIGNS[i % CAMPAIGNS.length]} helemaal mee eens` : randomText();
      const m = { id: randomUUID(), author_id: randomUUID(), body, created_at: new Date() };
      let t = performance.now();
      if (await service.assign(m)) joined++;
      detect.push(performance.now() - t);
      // Baseline: what storing the fingerprint alone costs (one INSERT, no lookup).
      t = performance.now();
      await c.query('INSERT INTO message_fingerprints (message_id, author_id, created_at, signature, word_count) VALUES ($1, $2, now(), $3, 20)', [randomUUID(), m.author_id, signatureOf(normaliseText(body)) ?? []]);
      raw.push(performance.now() - t);
    }
    const [{ keys }] = (await c.query('SELECT count(*)::int AS keys FROM campaign_band_keys')).rows;
    rows.push({ history: target, keys, seedMs, joined, detect, raw });
    console.error(`history ${target}: seeded in ${Math.round(seedMs / 1000)} s`);
  }
  await c.end();
  console.log(`\nCampaign detection per new message (${NEW} new messages per step, 10% copies of a circulating campaign; window ${CAMPAIGN_WINDOW_DAYS} days)\n`);
  console.log('| history (messages) | band keys in window | assign p50 ms | assign p99 ms | assign mean ms | raw INSERT p50 ms | joined a campaign |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const mean = r.detect.reduce((a, b) => a + b, 0) / r.detect.length;
    console.log(`| ${r.history.toLocaleString('en')} | ${r.keys.toLocaleString('en')} | ${pct(r.detect, 50).toFixed(2)} | ${pct(r.detect, 99).toFixed(2)} | ${mean.toFixed(2)} | ${pct(r.raw, 50).toFixed(2)} | ${r.joined} |`);
  }
  const last = rows[rows.length - 1];
  if (last) {
    reportResult('campaigns', [
      figure('campaigns.assign.p50', `campaign detection per new message, ${last.history} in history, p50`, pct(last.detect, 50), 'ms', 'lower', { baseline: pct(last.raw, 50), baselineName: 'raw INSERT of the fingerprint' }),
      figure('campaigns.assign.p99', `campaign detection per new message, ${last.history} in history, p99`, pct(last.detect, 99), 'ms', 'lower', { baseline: pct(last.raw, 99), baselineName: 'raw INSERT of the fingerprint' }),
    ], { sizes: { history: HISTORY, new: NEW } });
  }
} finally {
  await ds?.destroy().catch(() => {});
  await bench?.stop();
}
