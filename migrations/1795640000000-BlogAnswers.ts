import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answer to a post: its author marks one comment (explicitly; replying never implies it), shown
 * highlighted at the top of the comments. `answered_at` stays what it was (the author replied in
 * the thread: the answer-time figures); `marked_answer_at` is the mark, at most one per post.
 * Also the Markdown a post was written in (`body_markdown`), so its author edits what they wrote
 * rather than the HTML made of it (posts written before keep null and open as HTML).
 */
export class BlogAnswers1795640000000 implements MigrationInterface {
  name = 'BlogAnswers1795640000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "blog_comments" ADD "marked_answer_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "blog_posts" ADD "body_markdown" text`);
    await q.query(`CREATE UNIQUE INDEX "IDX_blog_comments_one_answer" ON "blog_comments" ("post_id") WHERE marked_answer_at IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_blog_comments_one_answer"`);
    await q.query(`ALTER TABLE "blog_comments" DROP COLUMN "marked_answer_at"`);
    await q.query(`ALTER TABLE "blog_posts" DROP COLUMN "body_markdown"`);
  }
}
