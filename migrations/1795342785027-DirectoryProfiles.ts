import type { MigrationInterface, QueryRunner } from "typeorm";

/** Directory: person-owned profiles, follows, custom profile fields, photos, uploads; search extensions. */

export class DirectoryProfiles1795342785027 implements MigrationInterface {
    name = 'DirectoryProfiles1795342785027'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
        await queryRunner.query(`
            CREATE TABLE "follows" (
                "follower_id" uuid NOT NULL,
                "followee_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f9294bbb1517cfd99f06f534fe7" PRIMARY KEY ("follower_id", "followee_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bef15a234feb09bb7d9b72af61" ON "follows" ("followee_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "person_profiles" (
                "person_id" uuid NOT NULL,
                "headline" character varying(220),
                "about" text,
                "pronouns" character varying(40),
                "working_location" character varying(200),
                "working_hours" character varying(200),
                "skills" text array NOT NULL DEFAULT '{}',
                "interests" text array NOT NULL DEFAULT '{}',
                "languages" jsonb NOT NULL DEFAULT '[]',
                "experience" jsonb NOT NULL DEFAULT '[]',
                "education" jsonb NOT NULL DEFAULT '[]',
                "certifications" jsonb NOT NULL DEFAULT '[]',
                "contacts" jsonb NOT NULL DEFAULT '[]',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_883ee7fa7bec4073475cafb643a" PRIMARY KEY ("person_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "photos" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "person_id" uuid NOT NULL,
                "source" character varying(10) NOT NULL,
                "checksum" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5220c45b8e32d49d767b9b3d725" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_83aab869f9ceb34d9058813f3f" ON "photos" ("person_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "photo_variants" (
                "photo_id" uuid NOT NULL,
                "size" character varying(10) NOT NULL,
                "content_type" character varying(50) NOT NULL,
                "width" integer NOT NULL,
                "height" integer NOT NULL,
                "bytes" bytea NOT NULL,
                CONSTRAINT "PK_27a5cd3f6de45cfe0fd5754f03e" PRIMARY KEY ("photo_id", "size")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "profile_fields" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" character varying(50) NOT NULL,
                "label_nl" character varying(100) NOT NULL,
                "label_en" character varying(100) NOT NULL,
                "type" character varying(20) NOT NULL,
                "options" text array NOT NULL DEFAULT '{}',
                "filled_by" character varying(10) NOT NULL,
                "visibility" character varying(10) NOT NULL DEFAULT 'everyone',
                "position" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_8774d5a1b2012fab8e5dbedbbb0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_b3e3f8e74a3cf507789df39779" ON "profile_fields" ("key")
        `);
        await queryRunner.query(`
            CREATE TABLE "profile_field_values" (
                "person_id" uuid NOT NULL,
                "field_id" uuid NOT NULL,
                "value" jsonb NOT NULL,
                CONSTRAINT "PK_5e864cb5cf06d0d8832105aa713" PRIMARY KEY ("person_id", "field_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "uploads" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "owner_id" uuid NOT NULL,
                "filename" character varying(255) NOT NULL,
                "declared_type" character varying(100) NOT NULL,
                "size" integer NOT NULL,
                "bytes" bytea NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4dfa98b9e12204ea0f0f712f30" ON "uploads" ("owner_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a6df6dd01709506c9a21c318f2" ON "uploads" ("expires_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "people"
            ADD "deactivated_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "people"
            ADD "photo_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "person_profiles"
            ADD CONSTRAINT "FK_883ee7fa7bec4073475cafb643a" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "person_profiles" DROP CONSTRAINT "FK_883ee7fa7bec4073475cafb643a"
        `);
        await queryRunner.query(`
            ALTER TABLE "people" DROP COLUMN "photo_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "people" DROP COLUMN "deactivated_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a6df6dd01709506c9a21c318f2"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4dfa98b9e12204ea0f0f712f30"
        `);
        await queryRunner.query(`
            DROP TABLE "uploads"
        `);
        await queryRunner.query(`
            DROP TABLE "profile_field_values"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b3e3f8e74a3cf507789df39779"
        `);
        await queryRunner.query(`
            DROP TABLE "profile_fields"
        `);
        await queryRunner.query(`
            DROP TABLE "photo_variants"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_83aab869f9ceb34d9058813f3f"
        `);
        await queryRunner.query(`
            DROP TABLE "photos"
        `);
        await queryRunner.query(`
            DROP TABLE "person_profiles"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bef15a234feb09bb7d9b72af61"
        `);
        await queryRunner.query(`
            DROP TABLE "follows"
        `);
        await queryRunner.query(`DROP EXTENSION IF EXISTS unaccent`);
        await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
    }

}
