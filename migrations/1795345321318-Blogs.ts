import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Blogs: person, group and company blogs, posts with revisions, comments, likes, subscriptions, reads. */
export class Blogs1795345321318 implements MigrationInterface {
  name = 'Blogs1795345321318';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "blogs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(10) NOT NULL, "owner_person_id" uuid, "group_id" uuid, "title" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e113335f11c926da929a625f118" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_49ae26f6fa4adc57d897e72247" ON "blogs"  ("owner_person_id") WHERE owner_person_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_04b517464a7a8d2675b7492d3d" ON "blogs"  ("group_id") WHERE group_id IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "blog_authors" ("blog_id" uuid NOT NULL, "person_id" uuid NOT NULL, CONSTRAINT "PK_2630f7580fbcb58b42838e31fa0" PRIMARY KEY ("blog_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_dcb62a2b154acd7075635dee64" ON "blog_authors"  ("person_id") `);
    await queryRunner.query(`CREATE TABLE "blog_posts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "blog_id" uuid NOT NULL, "author_id" uuid NOT NULL, "audience" character varying(100) NOT NULL, "title" character varying(200) NOT NULL, "body_html" text NOT NULL, "search_text" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "cover_upload_id" uuid, "status" character varying(12) NOT NULL DEFAULT 'draft', "publish_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "comments_closed" boolean NOT NULL DEFAULT false, "featured_from" TIMESTAMP WITH TIME ZONE, "featured_until" TIMESTAMP WITH TIME ZONE, "like_count" integer NOT NULL DEFAULT '0', "comment_count" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dd2add25eac93daefc93da9d387" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_c3fc4a3a656aad74331acfcf2a" ON "blog_posts"  ("author_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c6cb789580803b1638d275353e" ON "blog_posts"  ("status", "publish_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_22bef6e3952c21f259717a7ebf" ON "blog_posts"  ("published_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_6b376dd57e9043b7cf5af08a00" ON "blog_posts"  ("blog_id", "published_at", "id") `);
    await queryRunner.query(`CREATE TABLE "blog_post_tags" ("post_id" uuid NOT NULL, "tag" character varying(50) NOT NULL, CONSTRAINT "PK_1e701d14dbc6438fc048d8367fc" PRIMARY KEY ("post_id", "tag"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1e701d14dbc6438fc048d8367f" ON "blog_post_tags"  ("tag", "post_id") `);
    await queryRunner.query(`CREATE TABLE "blog_post_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "post_id" uuid NOT NULL, "number" integer NOT NULL, "editor_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "body_html" text NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6ceba9211acaa19b580a0e392d5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_543db0a52edd4bcbf70aa8df94" ON "blog_post_revisions"  ("post_id", "number") `);
    await queryRunner.query(`CREATE TABLE "blog_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "post_id" uuid NOT NULL, "author_id" uuid NOT NULL, "parent_id" uuid, "body" text NOT NULL, "mention_ids" uuid array NOT NULL DEFAULT '{}', "like_count" integer NOT NULL DEFAULT '0', "answered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b478aaeecf38441a25739aa9610" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e681eead24fde355111a223fc6" ON "blog_comments"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f1b81243efd8d5e56ec7d66b4c" ON "blog_comments"  ("post_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "blog_likes" ("target_id" uuid NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_89bb8ee5a590733091cb89ab3f9" PRIMARY KEY ("target_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_89bb8ee5a590733091cb89ab3f" ON "blog_likes"  ("person_id", "target_id") `);
    await queryRunner.query(`CREATE TABLE "blog_subscriptions" ("blog_id" uuid NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b38b3b446bd41eff5813eddf75" PRIMARY KEY ("blog_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_31f5ead415b04920f67853b89a" ON "blog_subscriptions"  ("person_id") `);
    await queryRunner.query(`CREATE TABLE "blog_post_reads" ("post_id" uuid NOT NULL, "person_id" uuid NOT NULL, "views" integer NOT NULL DEFAULT '1', "completed" boolean NOT NULL DEFAULT false, "first_read_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d6f2d38565e6b77d0e565fce3e5" PRIMARY KEY ("post_id", "person_id"))`);
    // Full-text search with Dutch stemming over title, tags and body text (TypeORM cannot describe it).
    await queryRunner.query(`CREATE INDEX "IDX_blog_posts_search_dutch_fts" ON "blog_posts" USING gin (to_tsvector('dutch', search_text))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "blog_post_reads"`);
    await queryRunner.query(`DROP TABLE "blog_subscriptions"`);
    await queryRunner.query(`DROP TABLE "blog_likes"`);
    await queryRunner.query(`DROP TABLE "blog_comments"`);
    await queryRunner.query(`DROP TABLE "blog_post_revisions"`);
    await queryRunner.query(`DROP TABLE "blog_post_tags"`);
    await queryRunner.query(`DROP TABLE "blog_posts"`);
    await queryRunner.query(`DROP TABLE "blog_authors"`);
    await queryRunner.query(`DROP TABLE "blogs"`);
  }
}
