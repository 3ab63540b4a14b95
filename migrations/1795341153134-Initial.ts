import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Foundation: departments, people, refresh sessions, rate limits, and the Socket.IO adapter table. */

export class Initial1795341153134 implements MigrationInterface {
    name = 'Initial1795341153134'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "rate_limit_buckets" ("key" character varying(300) NOT NULL, "window_end" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_9eb2f8a2ae370667b4ca83dd313" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE INDEX "IDX_60a256dee47010a89c41f3bfcd" ON "rate_limit_buckets"  ("window_end") `);
        await queryRunner.query(`CREATE TABLE "departments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "parent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_91fddbe23e927e1e525c152baa" ON "departments"  ("code") `);
        await queryRunner.query(`CREATE INDEX "IDX_700b0b13f494cb37b6ca929e79" ON "departments"  ("parent_id") `);
        await queryRunner.query(`CREATE TYPE "public"."employment_type" AS ENUM('employee', 'contractor', 'freelancer')`);
        await queryRunner.query(`CREATE TABLE "people" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "uid" character varying(128), "employee_number" character varying(64), "given_name" character varying(100) NOT NULL, "family_name_prefix" character varying(30), "family_name" character varying(100) NOT NULL, "preferred_name" character varying(100), "display_name" character varying(300) NOT NULL, "email" character varying(254) NOT NULL, "job_title" character varying(200), "employment_type" "public"."employment_type" NOT NULL, "department_id" uuid, "manager_id" uuid, "location" character varying(200), "phone" character varying(50), "start_date" date, "end_date" date, "active" boolean NOT NULL DEFAULT true, "roles" text array NOT NULL DEFAULT '{member}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bd96fd3751339a92b7485eb911" ON "people"  ("uid") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_14964a3acb9be996f60810a6a7" ON "people"  ("employee_number") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c77e8752faa45901af2b245dff" ON "people"  ("email") `);
        await queryRunner.query(`CREATE INDEX "IDX_cf3092a5fa742815c7f2028c62" ON "people"  ("department_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_acb51d0935144495a95523ef99" ON "people"  ("manager_id") `);
        await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "replaced_by" uuid, "user_agent" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_c3942eab830cae599a763e1155" ON "sessions"  ("person_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_f61929073858aa9cb9cb893b66" ON "sessions"  ("family_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_9cfe37d28c3b229a350e086d94" ON "sessions"  ("expires_at") `);
        await queryRunner.query(`ALTER TABLE "departments" ADD CONSTRAINT "FK_700b0b13f494cb37b6ca929e79b" FOREIGN KEY ("parent_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "people" ADD CONSTRAINT "FK_cf3092a5fa742815c7f2028c62d" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "people" ADD CONSTRAINT "FK_acb51d0935144495a95523ef99f" FOREIGN KEY ("manager_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        // @socket.io/postgres-adapter sends payloads too big for NOTIFY through this table.
        await queryRunner.query(`CREATE TABLE "socket_io_attachments" ("id" bigserial PRIMARY KEY, "created_at" TIMESTAMP WITH TIME ZONE DEFAULT now(), "payload" bytea)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "socket_io_attachments"`);
        await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "FK_acb51d0935144495a95523ef99f"`);
        await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "FK_cf3092a5fa742815c7f2028c62d"`);
        await queryRunner.query(`ALTER TABLE "departments" DROP CONSTRAINT "FK_700b0b13f494cb37b6ca929e79b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_9cfe37d28c3b229a350e086d94"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f61929073858aa9cb9cb893b66"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c3942eab830cae599a763e1155"`);
        await queryRunner.query(`DROP TABLE "sessions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_acb51d0935144495a95523ef99"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_cf3092a5fa742815c7f2028c62"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c77e8752faa45901af2b245dff"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_14964a3acb9be996f60810a6a7"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bd96fd3751339a92b7485eb911"`);
        await queryRunner.query(`DROP TABLE "people"`);
        await queryRunner.query(`DROP TYPE "public"."employment_type"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_700b0b13f494cb37b6ca929e79"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_91fddbe23e927e1e525c152baa"`);
        await queryRunner.query(`DROP TABLE "departments"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_60a256dee47010a89c41f3bfcd"`);
        await queryRunner.query(`DROP TABLE "rate_limit_buckets"`);
    }

}
