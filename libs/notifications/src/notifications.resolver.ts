import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, type GqlContext } from '@plein/core';
import { PersonBarrier, PersonLoader, PersonModel } from '@plein/directory';
import { MessageLoader, MessageModel, MessagesService, toMessageModel } from '@plein/messages';
import { CurrentActor, type Actor } from '@plein/policy';
import { NotificationKind } from './notification.entity.js';
import { NotificationConnection, NotificationModel } from './notification.model.js';
import { NotificationsService, type NotificationRow } from './notifications.service.js';

const toModel = (r: NotificationRow): NotificationModel => ({
  id: r.id,
  kind: r.kind,
  read: r.readAt !== null,
  actorCount: r.actorCount,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  actorIds: r.actorIds,
  messageId: r.messageId,
  // Aggregation keys of message kinds (like:<id>, follow:<id>) are internal; the others name their subject.
  subject: r.groupKey && /^(notice|vacancy-match|vacancy-referral|vacancy-interest|blog-post|blog-comment|blog-mention):/.test(r.groupKey) ? r.groupKey : null,
  url: urlOf(r),
});

/** "My reports": the reports I made and their outcome. */
export const MY_REPORTS_URL = '/my/reports';
/** "My moderation record": decisions about my content or account, their reasons and my appeals. */
export const MY_MODERATION_RECORD_URL = '/my/moderation';

/** The web app's page for what a notification is about: every kind a person can open leads somewhere. */
function urlOf(r: NotificationRow): string | null {
  if (r.messageId) return `/messages/${r.messageId}`;
  if (r.blogPostId) return `/blogs/${r.blogPostId}`;
  const key = r.groupKey ?? '';
  const notice = /^notice:([0-9a-f-]{36})$/.exec(key);
  if (notice) return `/notices/${notice[1]}`;
  const group = /^group[a-z-]*:([0-9a-f-]{36})$/.exec(key);
  if (group) return `/groups/${group[1]}`;
  if (key.startsWith('vacancy-')) return '/vacancies';
  if (r.kind === NotificationKind.FOLLOW && r.actorIds[0]) return `/people/${r.actorIds[0]}`;
  // Moderation names no item (moderators and reporters stay anonymous): the person's own overviews do.
  if (r.kind === NotificationKind.REPORT_OUTCOME) return MY_REPORTS_URL;
  if (r.kind === NotificationKind.MODERATION) return MY_MODERATION_RECORD_URL;
  return null;
}

/** Plain English for API clients only (`summary`); the web app says a notification from its kind, actors and subject. */
const VERB: Record<NotificationKind, string> = {
  [NotificationKind.MENTION]: 'mentioned you',
  [NotificationKind.REPLY]: 'replied to your message',
  [NotificationKind.LIKE]: 'liked your message',
  [NotificationKind.RESHARE]: 'reshared your message',
  [NotificationKind.FOLLOW]: 'started following you',
  [NotificationKind.BLOG_POST]: 'published a new blog post',
  [NotificationKind.BLOG_COMMENT]: 'commented on a blog post of yours',
  [NotificationKind.BLOG_MENTION]: 'mentioned you in a blog comment',
  [NotificationKind.NOTICE_UPDATE]: 'posted an update on an outage notice you follow',
  [NotificationKind.VACANCY_MATCH]: 'A new vacancy matches one of your saved searches.',
  [NotificationKind.VACANCY_REFERRAL]: 'referred you to a vacancy',
  [NotificationKind.VACANCY_INTEREST]: 'is interested in your vacancy',
  [NotificationKind.MODERATION]: 'Moderation acted on your content or account: see your moderation record.',
  [NotificationKind.REPORT_OUTCOME]: 'A report you made has been reviewed: see your reports for the outcome.',
};

/** Kinds whose summary names nobody (moderation: moderators stay anonymous). */
const IMPERSONAL = new Set<NotificationKind>([NotificationKind.MODERATION, NotificationKind.REPORT_OUTCOME, NotificationKind.VACANCY_MATCH]);

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly messages: MessagesService,
    private readonly persons: PersonLoader,
    private readonly messageLoader: MessageLoader,
    private readonly barrier: PersonBarrier,
  ) {}

  /**
   * The actors the reader may see, decided at read time: a notification aggregated before an
   * information barrier came up must not name someone behind it (they are counted, not named).
   */
  private async visibleActorIds(actor: Actor, n: NotificationModel, ctx: GqlContext): Promise<string[]> {
    const hidden = await Promise.all(n.actorIds.map((id) => this.barrier.hides(actor, id, ctx)));
    return n.actorIds.filter((_, i) => !hidden[i]);
  }

  @Query(() => NotificationConnection, { description: 'Your notifications, latest activity first.' })
  async notifications(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs) {
    const page = await this.service.list(actor, args);
    return { pageInfo: page.pageInfo, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toModel(e.node) })) };
  }

  @Query(() => Int)
  unreadNotificationCount(@CurrentActor() actor: Actor): Promise<number> {
    return this.service.unreadCount(actor);
  }

  @Mutation(() => Int, { description: 'Marks these notifications read; returns the unread count.' })
  markNotificationsRead(@CurrentActor() actor: Actor, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<number> {
    return this.service.markRead(actor, ids);
  }

  @Mutation(() => Int, { description: 'Marks all your notifications read; returns the unread count (0).' })
  markAllNotificationsRead(@CurrentActor() actor: Actor): Promise<number> {
    return this.service.markRead(actor, null);
  }

  @ResolveField(() => [PersonModel], { description: 'Who did it, most recent first (at most 3; nobody behind an information barrier).' })
  async actors(@CurrentActor() actor: Actor, @Parent() n: NotificationModel, @Context() ctx: GqlContext): Promise<PersonModel[]> {
    const people = await ctx.loaders.get(this.persons).loadMany(await this.visibleActorIds(actor, n, ctx));
    return people.filter((p): p is PersonModel & NonNullable<typeof p> => !!p && !(p instanceof Error));
  }

  @ResolveField(() => MessageModel, { nullable: true })
  async message(@CurrentActor() actor: Actor, @Parent() n: NotificationModel, @Context() ctx: GqlContext): Promise<MessageModel | null> {
    if (!n.messageId) return null;
    const row = await ctx.loaders.get(this.messageLoader).load(n.messageId);
    if (!row || row.deletedAt || !this.messages.canSeeModerated(actor, row) || !(await this.messages.canSeeAudience(actor, row.audience))) return null;
    return toMessageModel(row);
  }

  @ResolveField(() => String, {
    description: 'Plain English for API clients, for example "Sanne de Vries and 4 others liked your message". Apps show kind, actors, actorCount and subject in the reader\'s language instead.',
  })
  async summary(@CurrentActor() actor: Actor, @Parent() n: NotificationModel, @Context() ctx: GqlContext): Promise<string> {
    if (IMPERSONAL.has(n.kind)) return VERB[n.kind];
    const [firstId] = await this.visibleActorIds(actor, n, ctx);
    const first = firstId ? await ctx.loaders.get(this.persons).load(firstId) : null;
    const name = first?.displayName ?? 'Someone';
    const others = n.actorCount - 1;
    const who = others <= 0 ? name : `${name} and ${others} ${others === 1 ? 'other' : 'others'}`;
    return `${who} ${VERB[n.kind]}`;
  }
}
