import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ContentKindProvider, PolicyService, type Actor, type ContentKind, type KindModeration, type ModerationState } from '@plein/policy';
import { DataSource } from 'typeorm';

/** A group (its name, description and rules) as a content kind: taken down, it leaves lists and search. */
@ContentKindProvider()
@Injectable()
export class GroupContentKind implements ContentKind {
  readonly name = 'group';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  canSee(actor: Actor, id: string): Promise<boolean> {
    return this.policy.canGroupById(actor, 'see', id);
  }

  readonly moderation: KindModeration = {
    resolve: async (actor, id) => {
      if (!(await this.policy.canGroupById(actor, 'see', id))) return null;
      // A report about a group goes to community managers (its admins are its subject).
      const [owner]: { person_id: string }[] = await this.db.query(
        `SELECT person_id FROM group_memberships WHERE group_id = $1 AND role = 'owner' AND status = 'active' LIMIT 1`,
        [id],
      );
      return { subjectId: owner?.person_id ?? null, groupId: null };
    },
    state: async (em, id) => {
      const [row]: { s: ModerationState }[] = await em.query('SELECT moderation_state AS s FROM groups WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [id]);
      return row?.s ?? null;
    },
    apply: async (em, id, { to, reason }, live) => {
      await em.query('UPDATE groups SET moderation_state = $2, moderation_reason = $3 WHERE id = $1', [id, to, reason]);
      live.push({ audience: `group:${id}`, type: 'group.updated', payload: { groupId: id, moderationState: to } });
    },
    originalText: async (id) => {
      const [row]: { t: string }[] = await this.db.query(`SELECT concat_ws(E'\n\n', name, nullif(description, ''), nullif(rules, '')) AS t FROM groups WHERE id = $1`, [id]);
      return row?.t ?? null;
    },
  };
}
