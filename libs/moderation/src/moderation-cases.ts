import { Injectable } from '@nestjs/common';
import { badInput, conflict, forbidden, notFound } from '@plein/core';
import { BlogsService, type CommentRow, type PostRow } from '@plein/blogs';
import { PeopleService } from '@plein/directory';
import { GroupsService } from '@plein/groups';
import { MessagesService, type MessageRow } from '@plein/messages';
import { isUuid } from '@plein/core';
import { ContentKinds, isGroupAdmin, PolicyService, type Actor } from '@plein/policy';
import type { LiveEvent } from '@plein/realtime';
import type { EntityManager } from 'typeorm';
import type { ReportItemType } from './entities/moderation.entity.js';
import { ModeratedItems } from './item-states.js';
import { ModerationQueries } from './moderation.queries.js';
import { NO_CASE, REPORT_REASONS, type CaseRow, type QueueArgs, type ReportRow } from './moderation.rules.js';

/**
 * The moderation queue and one case in it, as the use cases share them: which items are reportable
 * (the registered content kinds), the queue, loading a case, who may act on it (policy's
 * canModerateItem), claims, the context a moderator decides with, and the queue's live events.
 */
@Injectable()
export class ModerationCases {
  constructor(
    private readonly q: ModerationQueries,
    private readonly policy: PolicyService,
    private readonly kinds: ContentKinds,
    private readonly items: ModeratedItems,
    private readonly messages: MessagesService,
    private readonly blogs: BlogsService,
    private readonly groups: GroupsService,
    private readonly people: PeopleService,
  ) {}

  /** The item types people may report: every registered content kind with moderation. */
  reportItemTypes(): string[] {
    return this.kinds.reportable().map((k) => k.name);
  }

  /**
   * Open items, grouped, with the number of distinct reporters. Community managers and admins see
   * every open item; a group's admins see content of their groups not about a group admin.
   * Nobody sees items about themselves.
   */
  async queue(actor: Actor, args: QueueArgs): Promise<CaseRow[]> {
    let groupIds: string[] | undefined;
    if (!this.policy.can(actor, 'moderation.access')) {
      groupIds = await this.q.adminGroupIds(actor.personId);
      if (!groupIds.length) throw forbidden('Only community managers, admins and group admins can see the moderation queue.');
    }
    if (args.reason && !REPORT_REASONS.includes(args.reason)) throw badInput('Unknown reason.', { field: 'reason', messageKey: 'input.unknownChoice' });
    if (args.itemType && !this.reportItemTypes().includes(args.itemType)) throw badInput('Unknown item type.', { field: 'itemType', messageKey: 'input.unknownChoice' });
    if (args.departmentId && !isUuid(args.departmentId)) throw badInput('departmentId must be the id of a department.', { field: 'departmentId', messageKey: 'input.invalidId' });
    return this.q.queue(actor.personId, { groupIds, reason: args.reason, itemType: args.itemType, departmentId: args.departmentId, mostReported: args.sort === 'MOST_REPORTED', first: args.first });
  }

  async load(itemType: string, itemId: string, em: EntityManager = this.q.manager, lock = false): Promise<CaseRow | null> {
    if (!this.kinds.moderationOf(itemType) || !isUuid(itemId)) return null;
    return this.q.loadCase(em, itemType, itemId, lock);
  }

  private async isGroupAdmin(groupId: string | null, personId: string | null, em: EntityManager): Promise<boolean> {
    if (!groupId || !personId) return false;
    // Group-admin rights are policy's rule.
    return isGroupAdmin(await this.groups.membership(groupId, personId, em));
  }

  /** Policy's answer for this actor, action and case; the reason when refused. */
  async authorize(actor: Actor, action: Parameters<PolicyService['canModerateItem']>[1], c: CaseRow, em: EntityManager): Promise<void> {
    if (c.subjectId === actor.personId) throw forbidden('You cannot moderate your own content or a report about yourself; another moderator will.');
    const facts = {
      subjectId: c.subjectId,
      escalated: c.status === 'escalated',
      actorGroupAdmin: await this.isGroupAdmin(c.groupId, actor.personId, em),
      subjectGroupAdmin: await this.isGroupAdmin(c.groupId, c.subjectId, em),
    };
    if (this.policy.canModerateItem(actor, action, facts)) return;
    if (!this.policy.can(actor, 'moderation.access') && !facts.actorGroupAdmin) throw forbidden('Only community managers, admins and (for their group) group admins can moderate.');
    if (facts.escalated) throw forbidden('This item was escalated to admins; only an admin can decide it.');
    throw forbidden('Group admins can dismiss, hide or remove content in their group; other decisions are for community managers.');
  }

  /** One item for a moderator: the case; its context is resolved field by field. */
  async item(actor: Actor, itemType: string, itemId: string): Promise<CaseRow> {
    const c = await this.load(itemType, itemId);
    if (!c || c.status === 'closed') throw notFound(NO_CASE);
    await this.authorize(actor, 'view', c, this.q.manager);
    return c;
  }

  async assertNotClaimedByOther(actor: Actor, c: CaseRow): Promise<void> {
    if (!c.claimedBy || c.claimedBy === actor.personId) return;
    const holder = await this.people.findById(c.claimedBy);
    const until = c.claimedUntil ? new Date(c.claimedUntil).toISOString().slice(11, 16) : '';
    throw conflict(`${holder?.displayName ?? 'Another moderator'} is working on this item (claimed until ${until} UTC).`);
  }

  /** The reports of an item, for moderators: reasons, notes and times, never who reported. */
  reportsOf(c: Pick<CaseRow, 'itemType' | 'itemId'>): Promise<ReportRow[]> {
    return this.q.reportsOf(c.itemType, c.itemId);
  }

  /** A reported message with its thread around it (the root and up to 20 replies), moderation states included. */
  async messageContext(itemId: string): Promise<{ message: MessageRow | null; thread: MessageRow[] }> {
    const [message] = await this.messages.findByIds([itemId]);
    if (!message) return { message: null, thread: [] };
    const thread = await this.messages.findByIds(await this.q.threadIds('messages', message.rootId ?? message.id, message.createdAt));
    thread.sort((a, b) => (a.rootId === null ? -1 : b.rootId === null ? 1 : a.createdAt.getTime() - b.createdAt.getTime()));
    return { message, thread };
  }

  /** A reported blog post, or the post a reported comment is on, and the comment with its thread (moderation states included). */
  async blogContext(c: Pick<CaseRow, 'itemType' | 'itemId'>): Promise<{ post: PostRow | null; comment: CommentRow | null; thread: CommentRow[] }> {
    if (c.itemType === 'blog_post') {
      const [post] = await this.blogs.findPosts([c.itemId]);
      return { post: post ?? null, comment: null, thread: [] };
    }
    if (c.itemType !== 'blog_comment') return { post: null, comment: null, thread: [] };
    const [comment] = await this.blogs.findComments([c.itemId]);
    if (!comment) return { post: null, comment: null, thread: [] };
    const [post] = await this.blogs.findPosts([comment.postId]);
    const thread = await this.blogs.findComments(await this.q.threadIds('blog_comments', comment.parentId ?? comment.id, comment.createdAt));
    thread.sort((a, b) => (a.parentId === null ? -1 : b.parentId === null ? 1 : new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime()));
    return { post: post ?? null, comment, thread };
  }

  /** The item's own words as written, even when hidden or removed, for the moderator deciding on it (its kind knows them). */
  async originalText(c: Pick<CaseRow, 'itemType' | 'itemId'>): Promise<string | null> {
    return (await this.kinds.moderationOf(c.itemType)?.originalText(c.itemId)) ?? null;
  }

  /** visible, hidden or removed; null when the item is gone. */
  itemState(c: Pick<CaseRow, 'itemType' | 'itemId'>): Promise<string | null> {
    return this.items.state(this.q.manager, c.itemType as ReportItemType, c.itemId);
  }

  /**
   * The queue updates live: an event to each community manager's and admin's own room (a handful of
   * people, so per-user rooms need no new room type), and to the group's admins for group content.
   */
  async pushQueueEvent(em: EntityManager, live: LiveEvent[], payload: Record<string, unknown> & { groupId?: string | null; subjectId?: string | null }): Promise<void> {
    const to = new Set(await this.q.moderatorIds(em));
    if (payload.groupId) for (const id of await this.groups.adminIds(payload.groupId, em)) to.add(id);
    // Nobody hears about reports concerning themselves.
    if (payload.subjectId) to.delete(payload.subjectId);
    const { subjectId: _subject, ...body } = payload;
    void _subject;
    for (const id of to) live.push({ audience: `user:${id}`, type: 'moderation.queue', payload: body });
  }
}
