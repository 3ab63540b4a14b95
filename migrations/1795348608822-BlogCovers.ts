import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blog cover images, re-encoded (WebP, metadata stripped) when a post chooses one, so a cover
 * outlives the one-day upload it came from. `blog_posts.cover_upload_id` points here.
 */
export class BlogCovers1795348608822 implements MigrationInterface {
  name = 'BlogCovers1795348608822';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE blog_covers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL,
      content_type varchar(50) NOT NULL,
      width integer NOT NULL,
      height integer NOT NULL,
      bytes bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE blog_covers`);
  }
}
