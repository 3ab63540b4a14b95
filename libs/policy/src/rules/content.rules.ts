import type { Actor } from '../actor.js';
import { actionAllowed, hasRole } from './actions.rules.js';

/** How long after posting the author may still edit a message. */
export const MESSAGE_EDIT_WINDOW_MS = 15 * 60_000;

/**
 * May the actor edit or delete this message? Edit: its author, within MESSAGE_EDIT_WINDOW_MS of
 * posting. Delete: its author, or a community manager or admin (moderation), at any time.
 */
export function canChangeMessage(
  actor: Actor,
  action: 'message.edit' | 'message.delete',
  message: { authorId: string; createdAt: Date; deletedAt: Date | null },
  now = new Date(),
): boolean {
  if (!actionAllowed(actor, action) || message.deletedAt) return false;
  if (action === 'message.delete') return message.authorId === actor.personId || actionAllowed(actor, 'moderation.access');
  return message.authorId === actor.personId && now.getTime() - message.createdAt.getTime() <= MESSAGE_EDIT_WINDOW_MS;
}

/**
 * May the actor act on a reported item? Never on their own content or a report about themselves.
 * Community managers and admins: anything open; escalated items: admins only. A group's admins:
 * dismiss, hide or remove content in their group, unless the report is about a group admin
 * (then it goes to community managers only). `groupRole` is the actor's role in the item's group.
 */
export function canModerateItem(
  actor: Actor,
  action: 'view' | 'claim' | 'dismiss' | 'hide' | 'remove' | 'warn' | 'suspend' | 'escalate',
  item: { subjectId: string | null; escalated: boolean; actorGroupAdmin: boolean; subjectGroupAdmin: boolean },
): boolean {
  if (item.subjectId === actor.personId) return false;
  if (actionAllowed(actor, 'moderation.access')) return !item.escalated || hasRole(actor, 'admin');
  if (!item.actorGroupAdmin || item.subjectGroupAdmin || item.escalated) return false;
  return action === 'view' || action === 'claim' || action === 'dismiss' || action === 'hide' || action === 'remove';
}

/** What policy needs to know about a blog to say who writes on it. */
export interface BlogFacts {
  kind: 'person' | 'group' | 'company';
  ownerPersonId: string | null;
}

/**
 * May the actor write posts on this blog? A person's blog: its owner; a group blog: whoever may post
 * in the group (`groupPost`, canGroup 'post'); a company blog: its named authors (`companyAuthor`).
 */
export function canWriteBlog(actor: Actor, blog: BlogFacts, facts: { groupPost: boolean; companyAuthor: boolean }): boolean {
  if (!actionAllowed(actor, 'blog.write')) return false;
  switch (blog.kind) {
    case 'person':
      return blog.ownerPersonId === actor.personId;
    case 'group':
      return facts.groupPost;
    case 'company':
      return facts.companyAuthor;
    default: {
      const exhaustive: never = blog.kind;
      return exhaustive;
    }
  }
}
