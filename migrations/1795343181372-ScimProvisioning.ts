import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SCIM 2.0 provisioning: bearer tokens for provisioning clients and their external ids for people. */
export class ScimProvisioning1795343181372 implements MigrationInterface {
  name = 'ScimProvisioning1795343181372';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scim_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "token_hash" character varying(64) NOT NULL, "hint" character varying(8) NOT NULL, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5e368798dfa88b0d9fb185e8901" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2f0bba718f72bfe82a482a1093" ON "scim_tokens" ("token_hash")`);
    await queryRunner.query(
      `CREATE TABLE "scim_external_ids" ("person_id" uuid NOT NULL, "external_id" character varying(255) NOT NULL, CONSTRAINT "PK_e203b7afc9adf37a5e8f91686b4" PRIMARY KEY ("person_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f80d3b0acf2b2cd0cbd852e600" ON "scim_external_ids" ("external_id")`);
    await queryRunner.query(
      `ALTER TABLE "scim_tokens" ADD CONSTRAINT "FK_b0c5b88f38e9f386753aaac5c28" FOREIGN KEY ("created_by_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_external_ids" ADD CONSTRAINT "FK_e203b7afc9adf37a5e8f91686b4" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scim_external_ids"`);
    await queryRunner.query(`DROP TABLE "scim_tokens"`);
  }
}
