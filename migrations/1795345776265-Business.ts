import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outage notices (timeline, follows, "affected too") and internal vacancies (saves, searches, interest, referrals). */
export class Business1795345776265 implements MigrationInterface {
  name = 'Business1795345776265';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "services" text array NOT NULL DEFAULT '{}', "regions" text array NOT NULL DEFAULT '{}', "severity" character varying(10) NOT NULL, "status" character varying(20) NOT NULL, "audience" character varying(20) NOT NULL, "department_ids" uuid array NOT NULL DEFAULT '{}', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expected_end_at" TIMESTAMP WITH TIME ZONE, "author_id" uuid NOT NULL, "search_text" text NOT NULL, "affected_count" integer NOT NULL DEFAULT '0', "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7fa106f215eaea6f403aa452a9" ON "notices"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7f8f27f719099e8f240e007d9b" ON "notices"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_notices_search_dutch_fts" ON "notices" USING gin (to_tsvector('dutch', "search_text"))`);
    await queryRunner.query(`CREATE TABLE "notice_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notice_id" uuid NOT NULL, "status" character varying(20) NOT NULL, "text" text NOT NULL, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7f21c84761d30f95acd4686dd6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8d8814f513c7a53b6d98327589" ON "notice_updates"  ("notice_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "notice_follows" ("notice_id" uuid NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1585b7c559b58221585d6fd9478" PRIMARY KEY ("notice_id", "person_id"))`);
    await queryRunner.query(`CREATE TABLE "service_follows" ("person_id" uuid NOT NULL, "service" character varying(60) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7814d9d8b953b174408b6db15dd" PRIMARY KEY ("person_id", "service"))`);
    await queryRunner.query(`CREATE INDEX "IDX_03f128d0d027b884525be2535e" ON "service_follows"  ("service") `);
    await queryRunner.query(`CREATE TABLE "notice_affected" ("notice_id" uuid NOT NULL, "person_id" uuid NOT NULL, "department_id" uuid, "comment" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb454b3da37c2ae721055a85757" PRIMARY KEY ("notice_id", "person_id"))`);
    await queryRunner.query(`CREATE TABLE "vacancies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "department_id" uuid NOT NULL, "location" character varying(100) NOT NULL, "hours_per_week" smallint NOT NULL, "employment_type" character varying(20) NOT NULL, "description_html" text NOT NULL, "search_text" text NOT NULL, "closes_on" date NOT NULL, "contact_id" uuid NOT NULL, "poster_id" uuid NOT NULL, "open_to_externals" boolean NOT NULL DEFAULT false, "status" character varying(10) NOT NULL DEFAULT 'open', "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3b45154a366568190cc15be2906" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a67c6cb6088a0cc704cc14aa3e" ON "vacancies"  ("status", "closes_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_5a255c26fb3e73e13f3bec1ba2" ON "vacancies"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "vacancy_saves" ("person_id" uuid NOT NULL, "vacancy_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a91cdfb715289066f6ac1d85915" PRIMARY KEY ("person_id", "vacancy_id"))`);
    await queryRunner.query(`CREATE TABLE "vacancy_searches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "query" character varying(200), "department_id" uuid, "location" character varying(100), "min_hours" smallint, "max_hours" smallint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f81b301bfb6664523891fb4e2b9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_973b7647b79ef40a33bc79d266" ON "vacancy_searches"  ("person_id") `);
    await queryRunner.query(`CREATE TABLE "vacancy_interests" ("vacancy_id" uuid NOT NULL, "person_id" uuid NOT NULL, "note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ccb9a2218575722fde8ca3627d0" PRIMARY KEY ("vacancy_id", "person_id"))`);
    await queryRunner.query(`CREATE TABLE "vacancy_referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vacancy_id" uuid NOT NULL, "referrer_id" uuid NOT NULL, "colleague_id" uuid NOT NULL, "note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7f6da3504e5956107dfdcc0d424" UNIQUE ("vacancy_id", "referrer_id", "colleague_id"), CONSTRAINT "PK_67d26b5c092640e52d76704e2a9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_vacancies_search_dutch_fts" ON "vacancies" USING gin (to_tsvector('dutch', "search_text"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "vacancy_referrals"`);
    await queryRunner.query(`DROP TABLE "vacancy_interests"`);
    await queryRunner.query(`DROP TABLE "vacancy_searches"`);
    await queryRunner.query(`DROP TABLE "vacancy_saves"`);
    await queryRunner.query(`DROP TABLE "vacancies"`);
    await queryRunner.query(`DROP TABLE "notice_affected"`);
    await queryRunner.query(`DROP TABLE "service_follows"`);
    await queryRunner.query(`DROP TABLE "notice_follows"`);
    await queryRunner.query(`DROP TABLE "notice_updates"`);
    await queryRunner.query(`DROP TABLE "notices"`);
  }
}
