import type { Actor, RoleValue } from '../actor.js';

/** Everything an actor may be asked about. Later domains add their actions here, in one place. */
export type Action =
  | 'person.read'
  | 'person.readContactDetails'
  | 'directory.administer'
  | 'directory.import'
  | 'directory.scim.administer'
  | 'moderation.access'
  | 'moderation.report'
  | 'moderation.appeal'
  | 'moderation.audit'
  | 'moderation.settings'
  | 'realtime.broadcast'
  | 'profile.edit'
  | 'profileField.administer'
  | 'person.follow'
  | 'barrier.administer'
  | 'insights.read'
  | 'insights.recompute'
  | 'campaign.read'
  | 'profile.photo.edit'
  | 'profile.import'
  | 'message.read'
  | 'message.post'
  | 'message.like'
  | 'message.reshare'
  | 'message.edit'
  | 'message.delete'
  | 'notification.read'
  | 'group.create'
  | 'blog.read'
  | 'blog.write'
  | 'blog.administer'
  | 'blog.feature'
  | 'role.grant'
  | 'notice.read'
  | 'notice.publish'
  | 'notice.follow'
  | 'notice.markAffected'
  | 'vacancy.read'
  | 'vacancy.administer'
  | 'mail.settings'
  | 'mail.administer';

export function hasRole(actor: Actor, role: RoleValue): boolean {
  return actor.roles.includes(role);
}

/** Payroll staff (employment type employee), as opposed to contractors and freelancers. */
export function isPayroll(actor: Pick<Actor, 'employmentType'>): boolean {
  return actor.employmentType === 'employee';
}

/** Which roles may do what (the item-level rules are in the other rules files). */
export function actionAllowed(actor: Actor, action: Action): boolean {
  switch (action) {
    case 'person.read':
      return true;
    case 'person.readContactDetails':
      return true;
    case 'directory.scim.administer':
    case 'directory.administer':
      return hasRole(actor, 'admin');
    case 'directory.import':
      // HR staff imports: start one, follow it, read its reports.
      return hasRole(actor, 'admin');
    case 'moderation.access':
      return hasRole(actor, 'community_manager') || hasRole(actor, 'admin');
    case 'moderation.report':
    case 'moderation.appeal':
      // Everyone may report and appeal; what (visible items, own sanctions) the moderation lib checks.
      return true;
    case 'moderation.audit':
    case 'moderation.settings':
      return hasRole(actor, 'admin');
    case 'realtime.broadcast':
      return hasRole(actor, 'admin');
    case 'profile.edit':
      // Only ever one's own profile: the service applies it to actor.personId.
      return true;
    case 'profileField.administer':
      return hasRole(actor, 'admin');
    case 'person.follow':
      return true;
    case 'barrier.administer':
      return hasRole(actor, 'admin');
    case 'insights.recompute':
      // Recomputing is a heavy job on demand: platform admins only.
      return hasRole(actor, 'admin');
    case 'insights.read':
    case 'campaign.read':
      // Aggregates only (groups under 5 people never shown apart): community managers and admins.
      return hasRole(actor, 'community_manager') || hasRole(actor, 'admin');
    case 'profile.photo.edit':
    case 'profile.import':
      // Like profile.edit: only ever one's own photo/profile (the mutations act on actor.personId);
      // HR sets other people's photos through the HR import, not through this action.
      return true;
    case 'message.read':
    case 'message.post':
    case 'message.like':
    case 'message.reshare':
    case 'notification.read':
      // Every member; which messages and audiences is canSeeAudience / audiencePredicate.
      return true;
    case 'message.edit':
    case 'message.delete':
      // The item-level rule (own message, edit window, moderators) is canChangeMessage.
      return true;
    case 'group.create':
      // Every member may start a group; what happens inside one is canGroup.
      return true;
    case 'blog.read':
    case 'blog.write':
      // Every member reads and writes a blog; which posts and blogs is canSeeAudience and the blog's authors.
      return true;
    case 'blog.administer':
      // Company blogs and their authors.
      return hasRole(actor, 'admin');
    case 'blog.feature':
      return hasRole(actor, 'community_manager') || hasRole(actor, 'admin');
    case 'role.grant':
      // Only the grantable roles (notice_publisher, vacancy_poster); the business lib limits which.
      return hasRole(actor, 'admin');
    case 'notice.read':
    case 'notice.follow':
    case 'notice.markAffected':
      // Every member; which notices is canSeeNotice / noticePredicate.
      return true;
    case 'notice.publish':
      return hasRole(actor, 'notice_publisher') || hasRole(actor, 'admin');
    case 'vacancy.read':
      // Every member; which vacancies is canSeeVacancy / vacancyPredicate.
      return true;
    case 'vacancy.administer':
      // Close or manage anyone's vacancy.
      return hasRole(actor, 'admin');
    case 'mail.settings':
      // Only ever one's own mail settings and language.
      return true;
    case 'mail.administer':
      // The read-only sent-mail page (embedded mail files).
      return hasRole(actor, 'admin');
    default: {
      const exhaustive: never = action;
      return exhaustive;
    }
  }
}
