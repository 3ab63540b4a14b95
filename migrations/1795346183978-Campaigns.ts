import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign detection (libs/insights/src/campaigns): a MinHash signature per top-level message,
 * its band keys in an indexed table (candidates by exact key lookup, only for the last days, so the
 * cost per message stays flat however long the history), and the campaigns (clusters of
 * near-identical messages by different people).
 */
export class Campaigns1795346183978 implements MigrationInterface {
  name = 'Campaigns1795346183978';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE campaigns (
      id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      sample_message_id uuid NOT NULL,
      size integer NOT NULL DEFAULT 0,
      author_count integer NOT NULL DEFAULT 0,
      first_at timestamptz NOT NULL,
      last_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX campaigns_last_at ON campaigns (last_at DESC)`);
    await q.query(`CREATE TABLE message_fingerprints (
      message_id uuid NOT NULL PRIMARY KEY,
      author_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      signature integer[] NOT NULL,
      word_count integer NOT NULL,
      campaign_id uuid REFERENCES campaigns(id) ON DELETE SET NULL,
      similarity real)`);
    await q.query(`CREATE INDEX message_fingerprints_campaign ON message_fingerprints (campaign_id) WHERE campaign_id IS NOT NULL`);
    await q.query(`CREATE INDEX message_fingerprints_created ON message_fingerprints (created_at)`);
    await q.query(`CREATE TABLE campaign_band_keys (
      band_key bigint NOT NULL,
      message_id uuid NOT NULL,
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX campaign_band_keys_key ON campaign_band_keys (band_key, created_at)`);
    await q.query(`CREATE INDEX campaign_band_keys_created ON campaign_band_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaign_band_keys`);
    await q.query(`DROP TABLE message_fingerprints`);
    await q.query(`DROP TABLE campaigns`);
  }
}
