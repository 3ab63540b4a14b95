import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput } from '@plein/core';
import { MessagesService } from '@plein/messages';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource, type EntityManager } from 'typeorm';
import type { CampaignMatchModel, CampaignModel, CampaignStatsModel } from './campaign.models.js';
import { bandKeys, normaliseText, signatureOf, similarity } from './minhash.js';

/** Only messages of the last days are candidates: a campaign circulates within days. */
export const CAMPAIGN_WINDOW_DAYS = 14;
/** Estimated Jaccard over word 3-shingles from which a message joins a campaign. */
export const MATCH_THRESHOLD = 0.5;
/** From this overlap on a post counts as a plain copy; below it, as personalised. */
export const COPY_THRESHOLD = 0.9;
// Serialises cluster assignment (two copies scanned at once must land in one campaign).
const ASSIGN_LOCK = 7_410_090;

export interface CampaignRow {
  id: string;
  size: number;
  authorCount: number;
  sampleMessageId: string;
  firstAt: Date;
  lastAt: Date;
}

const CAMPAIGN_COLUMNS = `c.id, c.size, c.author_count AS "authorCount", c.sample_message_id AS "sampleMessageId", c.first_at AS "firstAt", c.last_at AS "lastAt"`;

interface Candidate {
  message_id: string;
  author_id: string;
  signature: number[];
  campaign_id: string | null;
  created_at: Date;
}

/**
 * Campaign detection: each new top-level message gets a MinHash signature and 8 band keys; its
 * candidates are the messages of the last CAMPAIGN_WINDOW_DAYS sharing a band key (an index
 * lookup, flat as history grows; old keys are pruned), verified by signature similarity. A match
 * by someone else joins (or starts) that message's campaign. Runs on the worker after commit.
 */
@Injectable()
export class CampaignsService {
  private readonly logger = new Logger('Campaigns');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly messages: MessagesService,
  ) {}

  /** Fingerprints the messages of the last day that have none yet, oldest first; returns how many. */
  async scanNew(limit = 500): Promise<number> {
    const rows: { id: string; author_id: string; body: string; created_at: Date }[] = await this.db.query(
      `SELECT m.id, m.author_id, m.body, m.created_at FROM messages m
        WHERE m.created_at > now() - interval '1 day' AND m.root_id IS NULL AND m.reshare_of_id IS NULL AND m.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM message_fingerprints f WHERE f.message_id = m.id)
        ORDER BY m.created_at, m.id LIMIT $1`,
      [limit],
    );
    for (const r of rows) await this.assign(r);
    return rows.length;
  }

  /** Fingerprints one message and puts it in a campaign when it matches someone else's. */
  async assign(m: { id: string; author_id: string; body: string; created_at: Date }): Promise<string | null> {
    const words = normaliseText(m.body);
    const sig = signatureOf(words);
    return this.db.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [ASSIGN_LOCK]);
      if (!sig) {
        await em.query(
          'INSERT INTO message_fingerprints (message_id, author_id, created_at, signature, word_count) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
          [m.id, m.author_id, m.created_at, [], words.length],
        );
        return null;
      }
      const keys = bandKeys(sig);
      const best = (await this.candidates(em, keys, m.created_at)).filter((c) => c.author_id !== m.author_id && c.message_id !== m.id)
        .map((c) => ({ c, s: similarity(sig, c.signature) }))
        .filter((x) => x.s >= MATCH_THRESHOLD)
        .sort((a, b) => (b.c.campaign_id ? 1 : 0) - (a.c.campaign_id ? 1 : 0) || b.s - a.s)[0];
      let campaignId: string | null = null;
      let sampleSig = sig;
      if (best) {
        campaignId = best.c.campaign_id;
        if (!campaignId) {
          const [created]: { id: string }[] = await em.query(
            'INSERT INTO campaigns (sample_message_id, size, author_count, first_at, last_at) VALUES ($1, 1, 1, $2, $2) RETURNING id',
            [best.c.message_id, best.c.created_at],
          );
          campaignId = created.id;
          await em.query('UPDATE message_fingerprints SET campaign_id = $1, similarity = 1 WHERE message_id = $2', [campaignId, best.c.message_id]);
        }
        const [sample]: { signature: number[] }[] = await em.query(
          'SELECT f.signature FROM campaigns c JOIN message_fingerprints f ON f.message_id = c.sample_message_id WHERE c.id = $1',
          [campaignId],
        );
        sampleSig = sample?.signature ?? best.c.signature;
        const [{ known }]: { known: boolean }[] = await em.query(
          'SELECT EXISTS (SELECT 1 FROM message_fingerprints WHERE campaign_id = $1 AND author_id = $2) AS known',
          [campaignId, m.author_id],
        );
        await em.query(
          'UPDATE campaigns SET size = size + 1, author_count = author_count + $2, first_at = LEAST(first_at, $3), last_at = GREATEST(last_at, $3) WHERE id = $1',
          [campaignId, known ? 0 : 1, m.created_at],
        );
      }
      const inserted: unknown[] = await em.query(
        `INSERT INTO message_fingerprints (message_id, author_id, created_at, signature, word_count, campaign_id, similarity)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING message_id`,
        [m.id, m.author_id, m.created_at, sig, words.length, campaignId, campaignId ? similarity(sig, sampleSig) : null],
      );
      if (!inserted.length) return null; // fingerprinted meanwhile
      await em.query(
        'INSERT INTO campaign_band_keys (band_key, message_id, created_at) SELECT unnest($1::bigint[]), $2, $3',
        [keys.map(String), m.id, m.created_at],
      );
      return campaignId;
    });
  }

  private candidates(em: EntityManager, keys: number[], at: Date): Promise<Candidate[]> {
    return em.query(
      `SELECT f.message_id, f.author_id, f.signature, f.campaign_id, f.created_at FROM message_fingerprints f
        WHERE f.message_id IN (SELECT k.message_id FROM campaign_band_keys k
                                WHERE k.band_key = ANY($1::bigint[]) AND k.created_at > $2::timestamptz - make_interval(days => ${CAMPAIGN_WINDOW_DAYS}))
        LIMIT 200`,
      [keys.map(String), at],
    );
  }

  /** Drops band keys older than the window: the candidate index stays the size of a fortnight. */
  async prune(): Promise<number> {
    const [, n]: [unknown, number] = await this.db.query(
      `DELETE FROM campaign_band_keys WHERE created_at < now() - make_interval(days => ${CAMPAIGN_WINDOW_DAYS})`,
    );
    return n;
  }

  /** The composer's hint: does this text match a circulating campaign? Never blocks anything. */
  async match(actor: Actor, text: string): Promise<CampaignMatchModel | null> {
    if (typeof text !== 'string' || text.length > 5000) throw badInput('Give the text you are writing (at most 5000 characters).', { field: 'text', max: 5000, messageKey: 'input.tooLong' });
    const sig = signatureOf(normaliseText(text));
    if (!sig) return null;
    const best = (await this.candidates(this.db.manager, bandKeys(sig), new Date()))
      .filter((c) => c.campaign_id)
      .map((c) => ({ c, s: similarity(sig, c.signature) }))
      .filter((x) => x.s >= MATCH_THRESHOLD)
      .sort((a, b) => b.s - a.s)[0];
    if (!best) return null;
    const [campaign] = await this.byIds(actor, [best.c.campaign_id!]);
    return campaign ? { campaign, similarity: best.s } : null;
  }

  /** Campaigns by id, with the sample text only when the actor may read the sample message. */
  async byIds(actor: Actor, ids: readonly string[]): Promise<CampaignModel[]> {
    const rows: CampaignRow[] = await this.db.query(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = ANY($1::uuid[])`, [[...ids]]);
    return Promise.all(rows.map((r) => this.withSample(actor, r)));
  }

  private async withSample(actor: Actor, r: CampaignRow): Promise<CampaignModel> {
    const sample = await this.messages.findVisible(actor, r.sampleMessageId);
    return { ...r, sample: sample?.body ?? null };
  }

  /** Per message: its campaign id and size (one query per page of messages). */
  async ofMessages(ids: readonly string[]): Promise<Map<string, { campaignId: string; size: number }>> {
    const rows: { message_id: string; campaign_id: string; size: number }[] = await this.db.query(
      `SELECT f.message_id, f.campaign_id, c.size FROM message_fingerprints f JOIN campaigns c ON c.id = f.campaign_id WHERE f.message_id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.message_id, { campaignId: r.campaign_id, size: r.size }]));
  }

  /** Community managers: the latest campaigns with reach and engagement of copies vs personalised posts. */
  async stats(actor: Actor, first = 20): Promise<CampaignStatsModel[]> {
    this.policy.assert(actor, 'campaign.read');
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first must be between 1 and 100.', { field: 'first', messageKey: 'input.numberRange' });
    const rows: (CampaignRow & { reach: string; copies: string; copyEng: string | null; personalised: string; personalEng: string | null })[] = await this.db.query(
      `SELECT ${CAMPAIGN_COLUMNS},
              (SELECT count(DISTINCT fo.follower_id) FROM follows fo JOIN people p ON p.id = fo.follower_id AND p.active
                WHERE fo.followee_id IN (SELECT author_id FROM message_fingerprints WHERE campaign_id = c.id)) AS reach,
              e.copies, e.copy_eng AS "copyEng", e.personalised, e.personal_eng AS "personalEng"
         FROM campaigns c
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE f.similarity >= ${COPY_THRESHOLD}) AS copies,
                  avg(m.like_count + m.reply_count + m.reshare_count) FILTER (WHERE f.similarity >= ${COPY_THRESHOLD}) AS copy_eng,
                  count(*) FILTER (WHERE f.similarity < ${COPY_THRESHOLD}) AS personalised,
                  avg(m.like_count + m.reply_count + m.reshare_count) FILTER (WHERE f.similarity < ${COPY_THRESHOLD}) AS personal_eng
             FROM message_fingerprints f JOIN messages m ON m.id = f.message_id AND m.deleted_at IS NULL
            WHERE f.campaign_id = c.id) e
        ORDER BY c.last_at DESC LIMIT $1`,
      [first],
    );
    return Promise.all(
      rows.map(async (r) => ({
        campaign: await this.withSample(actor, r),
        reach: Number(r.reach),
        copies: Number(r.copies),
        copyEngagement: Number(r.copyEng ?? 0),
        personalised: Number(r.personalised),
        personalisedEngagement: Number(r.personalEng ?? 0),
      })),
    );
  }

  logError(err: unknown): void {
    this.logger.error({ msg: 'campaign scan failed', error: err instanceof Error ? err.message : String(err) });
  }
}
