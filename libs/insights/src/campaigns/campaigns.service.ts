import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, Params } from '@plein/core';
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

  /**
   * The composer's hint: does this text match a circulating campaign? Never blocks anything. Only
   * messages the actor may read are candidates, and the campaign is told as the actor sees it, so
   * the hint never reveals that a payroll-only, secret-group or barrier-hidden text circulates.
   */
  async match(actor: Actor, text: string): Promise<CampaignMatchModel | null> {
    if (typeof text !== 'string' || text.length > 5000) throw badInput('Give the text you are writing (at most 5000 characters).', { field: 'text', max: 5000, messageKey: 'input.tooLong' });
    const sig = signatureOf(normaliseText(text));
    if (!sig) return null;
    const p = new Params();
    const keys = p.add(bandKeys(sig).map(String));
    const candidates: Candidate[] = await this.db.query(
      `SELECT f.message_id, f.author_id, f.signature, f.campaign_id, f.created_at FROM message_fingerprints f JOIN messages m ON m.id = f.message_id
        WHERE f.campaign_id IS NOT NULL
          AND f.message_id IN (SELECT k.message_id FROM campaign_band_keys k
                                WHERE k.band_key = ANY(${keys}::bigint[]) AND k.created_at > now() - make_interval(days => ${CAMPAIGN_WINDOW_DAYS}))
          AND ${await this.messages.visibleSql(actor, p, 'm')}
        LIMIT 200`,
      p.values,
    );
    const ranked = candidates
      .map((c) => ({ c, s: similarity(sig, c.signature) }))
      .filter((x) => x.s >= MATCH_THRESHOLD)
      .sort((a, b) => b.s - a.s);
    if (!ranked.length) return null;
    const seen = await this.byIds(actor, [...new Set(ranked.map((x) => x.c.campaign_id!))]);
    const best = ranked.find((x) => seen.some((c) => c.id === x.c.campaign_id));
    return best ? { campaign: seen.find((c) => c.id === best.c.campaign_id)!, similarity: best.s } : null;
  }

  /**
   * A campaign as the actor sees it, over the visible members of `idsSql` (a uuid[] expression):
   * size, authors, dates and sample counted only over messages the actor may read, and only when
   * those are by at least two people (else, for this reader, there is no campaign).
   */
  private async visibleCampaignsSql(actor: Actor, p: Params, idsSql: string): Promise<string> {
    return `SELECT f.campaign_id AS id, count(*)::int AS size, count(DISTINCT f.author_id)::int AS "authorCount",
                   (array_agg(f.message_id ORDER BY f.created_at, f.message_id))[1] AS "sampleMessageId",
                   (array_agg(CASE WHEN m.moderation_state = 'visible' THEN m.body END ORDER BY f.created_at, f.message_id))[1] AS sample,
                   min(f.created_at) AS "firstAt", max(f.created_at) AS "lastAt"
              FROM message_fingerprints f JOIN messages m ON m.id = f.message_id
             WHERE f.campaign_id = ANY(${idsSql}) AND ${await this.messages.visibleSql(actor, p, 'm')}
             GROUP BY f.campaign_id HAVING count(DISTINCT f.author_id) >= 2`;
  }

  /** Campaigns by id, as the actor sees them (see visibleCampaignsSql); unseen ones are left out. */
  async byIds(actor: Actor, ids: readonly string[]): Promise<CampaignModel[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    const p = new Params();
    const idsSql = `${p.add(valid)}::uuid[]`;
    return this.db.query(await this.visibleCampaignsSql(actor, p, idsSql), p.values);
  }

  /** Per message: its campaign id and size as the actor sees them (one query per page of messages). */
  async ofMessages(actor: Actor, ids: readonly string[]): Promise<Map<string, { campaignId: string; size: number }>> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return new Map();
    const p = new Params();
    const mine = `${p.add(valid)}::uuid[]`;
    const visible = await this.visibleCampaignsSql(actor, p, `ARRAY(SELECT campaign_id FROM message_fingerprints WHERE message_id = ANY(${mine}) AND campaign_id IS NOT NULL)`);
    const rows: { message_id: string; campaign_id: string; size: number }[] = await this.db.query(
      `SELECT f.message_id, f.campaign_id, v.size FROM message_fingerprints f JOIN (${visible}) v ON v.id = f.campaign_id WHERE f.message_id = ANY(${mine})`,
      p.values,
    );
    return new Map(rows.map((r) => [r.message_id, { campaignId: r.campaign_id, size: r.size }]));
  }

  /**
   * Community managers: the latest campaigns with reach and engagement of copies vs personalised
   * posts, counted like everything else over the messages the manager may read (the latest 500
   * campaigns are considered).
   */
  async stats(actor: Actor, first = 20): Promise<CampaignStatsModel[]> {
    this.policy.assert(actor, 'campaign.read');
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first must be between 1 and 100.', { field: 'first', messageKey: 'input.numberRange' });
    const p = new Params();
    const visible = await this.visibleCampaignsSql(actor, p, 'ARRAY(SELECT id FROM campaigns ORDER BY last_at DESC LIMIT 500)');
    const members = `SELECT f.author_id, f.similarity, m.like_count + m.reply_count + m.reshare_count AS eng
                       FROM message_fingerprints f JOIN messages m ON m.id = f.message_id
                      WHERE f.campaign_id = c.id AND ${await this.messages.visibleSql(actor, p, 'm')}`;
    const rows: (CampaignModel & { reach: string; copies: string; copyEng: string | null; personalised: string; personalEng: string | null })[] = await this.db.query(
      `SELECT c.*,
              (SELECT count(DISTINCT fo.follower_id) FROM follows fo JOIN people p ON p.id = fo.follower_id AND p.active
                WHERE fo.followee_id IN (SELECT v.author_id FROM (${members}) v)) AS reach,
              e.copies, e.copy_eng AS "copyEng", e.personalised, e.personal_eng AS "personalEng"
         FROM (${visible}) c
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE v.similarity >= ${COPY_THRESHOLD}) AS copies,
                  avg(v.eng) FILTER (WHERE v.similarity >= ${COPY_THRESHOLD}) AS copy_eng,
                  count(*) FILTER (WHERE v.similarity < ${COPY_THRESHOLD}) AS personalised,
                  avg(v.eng) FILTER (WHERE v.similarity < ${COPY_THRESHOLD}) AS personal_eng
             FROM (${members}) v) e
        ORDER BY c."lastAt" DESC LIMIT ${p.add(first)}`,
      p.values,
    );
    return rows.map(({ reach, copies, copyEng, personalised, personalEng, ...campaign }) => ({
      campaign,
      reach: Number(reach),
      copies: Number(copies),
      copyEngagement: Number(copyEng ?? 0),
      personalised: Number(personalised),
      personalisedEngagement: Number(personalEng ?? 0),
    }));
  }

  logError(err: unknown): void {
    this.logger.error({ msg: 'campaign scan failed', error: err instanceof Error ? err.message : String(err) });
  }
}
