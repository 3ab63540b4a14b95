import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { forbidden } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import { appendLiveEvents, type LiveEvent } from '@plein/realtime';
import { DataSource } from 'typeorm';
import { MessageAfterCommit, countsPayload, livePayload } from '../message-events.js';
import { validateMessageText } from '../message-text.js';
import { MessagesService, type MessageRow } from '../messages.service.js';
import { bump, entitiesOf, lockVisible, writeIndexes } from './message-writes.js';
import { MESSAGE_COLUMNS } from '../messages.service.js';

/**
 * Edits a message: its author, within 15 minutes. The previous text goes to message_revisions,
 * mentions and hashtags are rewritten, and people newly mentioned are notified (not the others again).
 */
@Injectable()
export class EditMessage {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly messages: MessagesService,
    private readonly afterCommit: MessageAfterCommit,
  ) {}

  async execute(actor: Actor, messageId: string, rawText: unknown): Promise<MessageRow> {
    this.policy.assert(actor, 'message.edit');
    const row = await this.db.transaction(async (em) => {
      const current = await lockVisible(em, this.messages, actor, messageId);
      if (current.authorId !== actor.personId) throw forbidden('You can only edit your own messages.');
      if (!this.policy.canChangeMessage(actor, 'message.edit', current)) {
        throw forbidden('A message can only be edited in the first 15 minutes after posting.');
      }
      const text = validateMessageText(rawText, { field: 'text', allowEmpty: current.reshareOfId !== null, what: current.reshareOfId ? 'A reshare note' : 'A message' });
      const entities = await entitiesOf(em, text, actor.personId);
      await em.query('INSERT INTO message_revisions (message_id, body, entities) VALUES ($1, $2, $3)', [current.id, current.body, JSON.stringify(current.entities)]);
      const [[updated]]: [MessageRow[], number] = await em.query(
        `UPDATE messages m SET body = $2, entities = $3, edited_at = now() WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
        [current.id, text, JSON.stringify(entities)],
      );
      await writeIndexes(em, current.id, entities);
      await appendLiveEvents(em, [{ audience: updated.audience, type: 'message.updated', payload: livePayload(updated) }]);
      const before = new Set(current.entities.mentions.map((m) => m.personId));
      const added = [...new Set(entities.mentions.map((m) => m.personId))].filter((id) => !before.has(id));
      if (added.length) await this.afterCommit.fanOutIn(em, { kind: 'message', messageId: updated.id, actorId: actor.personId, onlyMentionIds: added });
      return updated;
    });
    return row;
  }
}

/**
 * Deletes a message softly: `deleted_at` hides it from every feed, thread, search and notification,
 * and the row stays for moderation. Its author may delete it, and community managers and admins.
 */
@Injectable()
export class DeleteMessage {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly messages: MessagesService,
  ) {}

  async execute(actor: Actor, messageId: string): Promise<MessageRow> {
    this.policy.assert(actor, 'message.delete');
    return this.db.transaction(async (em) => {
      const current = await lockVisible(em, this.messages, actor, messageId);
      if (!this.policy.canChangeMessage(actor, 'message.delete', current)) throw forbidden('You can only delete your own messages.');
      await em.query('UPDATE messages SET deleted_at = now() WHERE id = $1', [current.id]);
      const live: LiveEvent[] = [{ audience: current.audience, type: 'message.deleted', payload: { id: current.id, rootId: current.rootId } }];
      if (current.rootId) {
        const root = await bump(em, current.rootId, 'reply_count', -1);
        live.push({ audience: root.audience, type: 'message.updated', payload: countsPayload(root) });
      }
      if (current.reshareOfId) {
        const original = await bump(em, current.reshareOfId, 'reshare_count', -1);
        live.push({ audience: original.audience, type: 'message.updated', payload: countsPayload(original) });
      }
      await appendLiveEvents(em, live);
      return { ...current, deletedAt: new Date() };
    });
  }
}
