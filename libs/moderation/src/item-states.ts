import { Injectable } from '@nestjs/common';
import { COMMENT_COLUMNS, POST_COLUMNS, commentPayload, postPayload, type CommentRow, type PostRow } from '@plein/blogs';
import type { LiveEvent } from '@plein/realtime';
import type { EntityManager } from 'typeorm';
import type { ReportItemType } from './entities/moderation.entity.js';

export type ModerationState = 'visible' | 'hidden' | 'removed';

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

export interface StateChange {
  before: ModerationState;
  after: ModerationState;
  /** What the audit's before/after should record beyond the states (a removed profile's text). */
  snapshot?: Record<string, unknown>;
}

/**
 * Puts one reported item into a moderation state (visible, hidden pending a decision, removed), in
 * the caller's transaction, and queues the live events that make open screens drop (or re-show)
 * it. Every content type keeps its state in its own table's moderation_state column, so each
 * domain's reads filter it where they already filter audiences.
 */
@Injectable()
export class ModeratedItems {
  /** The item's current state; null when it no longer exists. Locks the row. */
  async state(em: EntityManager, itemType: ReportItemType, itemId: string): Promise<ModerationState | null> {
    if (itemType === 'profile') {
      const [person]: unknown[] = await em.query('SELECT 1 FROM people WHERE id = $1', [itemId]);
      if (!person) return null;
      const [row]: { s: ModerationState }[] = await em.query('SELECT moderation_state AS s FROM person_profiles WHERE person_id = $1 FOR UPDATE', [itemId]);
      return row?.s ?? 'visible';
    }
    const table = TABLES[itemType];
    const extra = itemType === 'message' ? ' AND deleted_at IS NULL' : itemType === 'group' ? ' AND deleted_at IS NULL' : '';
    const [row]: { s: ModerationState }[] = await em.query(`SELECT moderation_state AS s FROM ${table} WHERE id = $1${extra} FOR UPDATE`, [itemId]);
    return row?.s ?? null;
  }

  /**
   * Moves the item to `to` with the moderator's reason. Nothing happens when it is already there or
   * gone. A removed item cannot be merely hidden again (the stronger decision stands).
   */
  async set(em: EntityManager, itemType: ReportItemType, itemId: string, to: ModerationState, reason: string | null, live: LiveEvent[]): Promise<StateChange | null> {
    const from = await this.state(em, itemType, itemId);
    if (!from || from === to || (from === 'removed' && to === 'hidden')) return null;
    const why = to === 'visible' ? null : reason;
    const change: StateChange = { before: from, after: to };
    switch (itemType) {
      case 'message': {
        const [[m]]: [{ id: string; audience: string; rootId: string | null; authorId: string }[], number] = await em.query(
          `UPDATE messages SET moderation_state = $2, moderation_reason = $3 WHERE id = $1 RETURNING id, audience, root_id AS "rootId", author_id AS "authorId"`,
          [itemId, to, why],
        );
        // Clients drop a message on message.deleted; message.restored tells open feeds it is back.
        if (to !== 'visible') live.push({ audience: m.audience, type: 'message.deleted', payload: { id: m.id, rootId: m.rootId } });
        else live.push({ audience: m.audience, type: 'message.restored', payload: { id: m.id, rootId: m.rootId, authorId: m.authorId } });
        break;
      }
      case 'blog_post': {
        const [[post]]: [PostRow[], number] = await em.query(`UPDATE blog_posts p SET moderation_state = $2, moderation_reason = $3 WHERE p.id = $1 RETURNING ${POST_COLUMNS}`, [itemId, to, why]);
        if (post.status === 'published') {
          if (to !== 'visible') live.push({ audience: post.audience, type: 'blog.post.removed', payload: { id: post.id, authorId: post.authorId } });
          else live.push({ audience: post.audience, type: 'blog.post.published', payload: postPayload(post) });
        }
        break;
      }
      case 'blog_comment': {
        const [[comment]]: [CommentRow[], number] = await em.query(
          `UPDATE blog_comments c SET moderation_state = $2, moderation_reason = $3 WHERE c.id = $1 RETURNING ${COMMENT_COLUMNS}`,
          [itemId, to, why],
        );
        // The post's comment count counts what readers see.
        const delta = from === 'visible' ? -1 : to === 'visible' ? 1 : 0;
        const [[post]]: [PostRow[], number] = await em.query(
          `UPDATE blog_posts p SET comment_count = GREATEST(0, comment_count + $2) WHERE p.id = $1 RETURNING ${POST_COLUMNS}`,
          [comment.postId, delta],
        );
        if (post.status === 'published' && post.moderationState === 'visible') {
          if (to !== 'visible') live.push({ audience: post.audience, type: 'blog.comment.removed', payload: { id: comment.id, postId: post.id, authorId: comment.authorId } });
          else {
            // Restored: readers behind a barrier from the post's or the thread's author are left out, as on creation.
            const context = [post.authorId];
            if (comment.parentId) {
              const [root]: { authorId: string }[] = await em.query('SELECT author_id AS "authorId" FROM blog_comments WHERE id = $1', [comment.parentId]);
              if (root) context.push(root.authorId);
            }
            live.push({ audience: post.audience, type: 'blog.comment.created', payload: commentPayload(comment, context) });
          }
          if (delta) live.push({ audience: post.audience, type: 'blog.post.updated', payload: postPayload(post) });
        }
        break;
      }
      case 'photo': {
        const [[photo]]: [{ person_id: string }[], number] = await em.query(
          'UPDATE photos SET moderation_state = $2, moderation_reason = $3 WHERE id = $1 RETURNING person_id',
          [itemId, to, why],
        );
        // Taken down: the profile shows no photo (and /photos/<id> answers 404). Back: it is the
        // profile photo again, unless the person chose another one meanwhile.
        if (to !== 'visible') await em.query('UPDATE people SET photo_id = NULL WHERE id = $1 AND photo_id = $2', [photo.person_id, itemId]);
        else await em.query('UPDATE people SET photo_id = $2 WHERE id = $1 AND photo_id IS NULL', [photo.person_id, itemId]);
        break;
      }
      case 'profile': {
        if (to === 'removed') {
          // A removal clears the self-written text (the audit keeps it, for an appeal); what the
          // person writes next is new and shows again.
          const [old]: Record<string, unknown>[] = await em.query(`SELECT ${PROFILE_TEXT_COLUMNS.join(', ')} FROM person_profiles WHERE person_id = $1`, [itemId]);
          change.snapshot = { profile: old ?? null };
        }
        const clear = to === 'removed' ? PROFILE_TEXT_COLUMNS.map((c) => `, ${c} = ${PROFILE_EMPTY[c]}`).join('') : '';
        await em.query(
          `INSERT INTO person_profiles (person_id, moderation_state, moderation_reason) VALUES ($1, $2, $3)
           ON CONFLICT (person_id) DO UPDATE SET moderation_state = $2, moderation_reason = $3${clear}`,
          [itemId, to, why],
        );
        break;
      }
      case 'group': {
        await em.query('UPDATE groups SET moderation_state = $2, moderation_reason = $3 WHERE id = $1', [itemId, to, why]);
        live.push({ audience: `group:${itemId}`, type: 'group.updated', payload: { groupId: itemId, moderationState: to } });
        break;
      }
      default: {
        const never: never = itemType;
        throw new Error(`Unknown item type ${String(never)}`);
      }
    }
    return change;
  }

  /** After an overturned removal of a profile: its text back from the audit snapshot, if the person wrote nothing since. */
  async restoreProfile(em: EntityManager, personId: string, snapshot: Record<string, unknown> | null): Promise<boolean> {
    const [[row]]: [{ person_id: string }[], number] = await em.query(
      `UPDATE person_profiles SET moderation_state = 'visible', moderation_reason = NULL WHERE person_id = $1 AND moderation_state = 'removed' RETURNING person_id`,
      [personId],
    );
    if (!row || !snapshot) return !!row;
    const sets = PROFILE_TEXT_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ');
    const values = PROFILE_TEXT_COLUMNS.map((c) => {
      const v = snapshot[c];
      return c === 'languages' || c === 'experience' || c === 'education' || c === 'certifications' ? JSON.stringify(v ?? []) : (v ?? (c === 'skills' || c === 'interests' ? [] : null));
    });
    await em.query(`UPDATE person_profiles SET ${sets} WHERE person_id = $1`, [personId, ...values]);
    return true;
  }
}

const TABLES: Record<Exclude<ReportItemType, 'profile'>, string> = {
  message: 'messages',
  blog_post: 'blog_posts',
  blog_comment: 'blog_comments',
  photo: 'photos',
  group: 'groups',
};
