import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ContentKindProvider, PolicyService, type Actor, type ContentKind, type KindModeration, type ModerationState } from '@plein/policy';
import { DataSource } from 'typeorm';
import { PeopleService } from '../people.service.js';

/** The self-written parts of a profile that a removal clears (the name and HR fields stay). */
const PROFILE_TEXT_COLUMNS = ['headline', 'about', 'pronouns', 'working_location', 'working_hours', 'skills', 'interests', 'languages', 'experience', 'education', 'certifications'] as const;
const PROFILE_EMPTY: Record<(typeof PROFILE_TEXT_COLUMNS)[number], string> = {
  headline: 'NULL',
  about: 'NULL',
  pronouns: 'NULL',
  working_location: 'NULL',
  working_hours: 'NULL',
  skills: `'{}'`,
  interests: `'{}'`,
  languages: `'[]'`,
  experience: `'[]'`,
  education: `'[]'`,
  certifications: `'[]'`,
};
const JSON_COLUMNS = new Set<string>(['languages', 'experience', 'education', 'certifications']);
const ARRAY_COLUMNS = new Set<string>(['skills', 'interests']);

/**
 * A person's self-written profile as a content kind. "Hide" keeps the text out of sight; "remove"
 * clears it (the audit keeps it, so an overturned appeal can put it back); the name and HR fields stay.
 */
@ContentKindProvider()
@Injectable()
export class ProfileKind implements ContentKind {
  readonly name = 'profile';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly people: PeopleService,
    private readonly policy: PolicyService,
  ) {}

  async canSee(actor: Actor, id: string): Promise<boolean> {
    return !!(await this.people.findById(id)) && (await this.policy.canReadPerson(actor, id));
  }

  readonly moderation: KindModeration = {
    resolve: async (_actor, id) => {
      const person = await this.people.findById(id);
      return person && { subjectId: person.id, groupId: null };
    },
    state: async (em, id) => {
      const [person]: unknown[] = await em.query('SELECT 1 FROM people WHERE id = $1', [id]);
      if (!person) return null;
      const [row]: { s: ModerationState }[] = await em.query('SELECT moderation_state AS s FROM person_profiles WHERE person_id = $1 FOR UPDATE', [id]);
      return row?.s ?? 'visible';
    },
    apply: async (em, id, { to, reason }) => {
      let snapshot: Record<string, unknown> | undefined;
      if (to === 'removed') {
        // A removal clears the self-written text (the audit keeps it, for an appeal); what the
        // person writes next is new and shows again.
        const [old]: Record<string, unknown>[] = await em.query(`SELECT ${PROFILE_TEXT_COLUMNS.join(', ')} FROM person_profiles WHERE person_id = $1`, [id]);
        snapshot = { profile: old ?? null };
      }
      const clear = to === 'removed' ? PROFILE_TEXT_COLUMNS.map((c) => `, ${c} = ${PROFILE_EMPTY[c]}`).join('') : '';
      await em.query(
        `INSERT INTO person_profiles (person_id, moderation_state, moderation_reason) VALUES ($1, $2, $3)
         ON CONFLICT (person_id) DO UPDATE SET moderation_state = $2, moderation_reason = $3${clear}`,
        [id, to, reason],
      );
      return snapshot;
    },
    // After an overturned removal: its text back from the audit snapshot, if the person wrote nothing since.
    restoreRemoved: async (em, id, snapshot) => {
      const [[row]]: [{ person_id: string }[], number] = await em.query(
        `UPDATE person_profiles SET moderation_state = 'visible', moderation_reason = NULL WHERE person_id = $1 AND moderation_state = 'removed' RETURNING person_id`,
        [id],
      );
      const profile = (snapshot?.profile ?? null) as Record<string, unknown> | null;
      if (!row || !profile) return !!row;
      const sets = PROFILE_TEXT_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ');
      const values = PROFILE_TEXT_COLUMNS.map((c) => (JSON_COLUMNS.has(c) ? JSON.stringify(profile[c] ?? []) : (profile[c] ?? (ARRAY_COLUMNS.has(c) ? [] : null))));
      await em.query(`UPDATE person_profiles SET ${sets} WHERE person_id = $1`, [id, ...values]);
      return true;
    },
    originalText: async (id) => {
      const [row]: { t: string | null }[] = await this.db.query(
        `SELECT concat_ws(E'\n', headline, about, pronouns, working_location, working_hours, nullif(array_to_string(skills, ', '), ''), nullif(array_to_string(interests, ', '), '')) AS t
           FROM person_profiles WHERE person_id = $1`,
        [id],
      );
      return row?.t || null;
    },
  };
}

/** Profile photos as a content kind: taken down, the profile shows no photo and /photos/<id> answers 404. */
@ContentKindProvider()
@Injectable()
export class PhotoKind implements ContentKind {
  readonly name = 'photo';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  async canSee(actor: Actor, id: string): Promise<boolean> {
    const [photo]: { person_id: string }[] = await this.db.query(`SELECT person_id FROM photos WHERE id = $1 AND moderation_state = 'visible'`, [id]);
    return !!photo && (await this.policy.canReadPerson(actor, photo.person_id));
  }

  readonly moderation: KindModeration = {
    resolve: async (_actor, id) => {
      const [photo]: { person_id: string }[] = await this.db.query(`SELECT person_id FROM photos WHERE id = $1 AND moderation_state = 'visible'`, [id]);
      return photo ? { subjectId: photo.person_id, groupId: null } : null;
    },
    state: async (em, id) => {
      const [row]: { s: ModerationState }[] = await em.query('SELECT moderation_state AS s FROM photos WHERE id = $1 FOR UPDATE', [id]);
      return row?.s ?? null;
    },
    apply: async (em, id, { to, reason }) => {
      const [[photo]]: [{ person_id: string }[], number] = await em.query('UPDATE photos SET moderation_state = $2, moderation_reason = $3 WHERE id = $1 RETURNING person_id', [
        id,
        to,
        reason,
      ]);
      // Back: it is the profile photo again, unless the person chose another one meanwhile.
      if (to !== 'visible') await em.query('UPDATE people SET photo_id = NULL WHERE id = $1 AND photo_id = $2', [photo.person_id, id]);
      else await em.query('UPDATE people SET photo_id = $2 WHERE id = $1 AND photo_id IS NULL', [photo.person_id, id]);
    },
    originalText: async () => null,
  };
}
