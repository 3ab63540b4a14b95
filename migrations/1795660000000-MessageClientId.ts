import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Posting is idempotent per author: the web app gives every message it sends a client-generated id
 * (`PostMessageInput.clientId`) and retries a post that failed for want of a connection; a replay of
 * an id the author already used returns the message posted the first time instead of a second copy.
 * The partial unique index makes that hold under concurrent retries too.
 */
export class MessageClientId1795660000000 implements MigrationInterface {
  name = 'MessageClientId1795660000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD "client_id" uuid`);
    await q.query(`CREATE UNIQUE INDEX "UQ_messages_author_client_id" ON "messages" ("author_id", "client_id") WHERE "client_id" IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_messages_author_client_id"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "client_id"`);
  }
}
