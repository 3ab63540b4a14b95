import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, type GqlContext } from '@plein/core';
import { PersonBarrier, PersonLoader, PersonModel } from '@plein/directory';
import { MessageLoader, MessageModel, MessagesService, toMessageModel } from '@plein/messages';
import { ContentKinds, CurrentActor, type Actor, type KindNotification } from '@plein/policy';
import { NotificationKind } from './notification.entity.js';
import { NotificationConnection, NotificationModel } from './notification.model.js';
import { NotificationsService, type NotificationRow } from './notifications.service.js';

const toModel = (r: NotificationRow, subjectPrefixes: ReadonlySet<string>): NotificationModel => ({
  id: r.id,
  kind: r.kind,
  read: r.readAt !== null,
  actorCount: r.actorCount,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  actorIds: r.actorIds,
  messageId: r.messageId,
  // Aggregation keys of message kinds (like:<id>, follow:<id>) are internal; the others name their subject.
  subject: r.groupKey && subjectPrefixes.has(r.groupKey.slice(0, r.groupKey.indexOf(':'))) ? r.groupKey : null,
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

/**
 * Plain English for API clients only (`summary`) of the notifications no content kind raises; each
 * content kind brings its own (ContentKind.notifications.raises). The web app says a notification
 * from its kind, actors and subject.
 */
const BASE_NOTIFICATIONS: readonly KindNotification[] = [
  { kind: NotificationKind.FOLLOW, summary: 'started following you' },
  { kind: NotificationKind.NOTICE_UPDATE, summary: 'posted an update on an outage notice you follow', subjectPrefix: 'notice' },
  { kind: NotificationKind.VACANCY_MATCH, summary: 'A new vacancy matches one of your saved searches.', impersonal: true, subjectPrefix: 'vacancy-match' },
  { kind: NotificationKind.VACANCY_REFERRAL, summary: 'referred you to a vacancy', subjectPrefix: 'vacancy-referral' },
  { kind: NotificationKind.VACANCY_INTEREST, summary: 'is interested in your vacancy', subjectPrefix: 'vacancy-interest' },
  // Moderators stay anonymous.
  { kind: NotificationKind.MODERATION, summary: 'Moderation acted on your content or account: see your moderation record.', impersonal: true },
  { kind: NotificationKind.REPORT_OUTCOME, summary: 'A report you made has been reviewed: see your reports for the outcome.', impersonal: true },
  { kind: NotificationKind.GROUP_APPROVED, summary: 'approved your request to join a group', subjectPrefix: 'group-approved' },
];

@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly messages: MessagesService,
    private readonly persons: PersonLoader,
    private readonly messageLoader: MessageLoader,
    private readonly barrier: PersonBarrier,
    private readonly kinds: ContentKinds,
  ) {}

  private known: Map<string, KindNotification> | null = null;

  /** Every notification kind: the base ones and those the registered content kinds raise. */
  private notificationKinds(): Map<string, KindNotification> {
    this.known ??= new Map([...BASE_NOTIFICATIONS, ...this.kinds.notificationKinds()].map((k) => [k.kind, k]));
    return this.known;
  }

  private subjectPrefixes(): Set<string> {
    return new Set([...this.notificationKinds().values()].flatMap((k) => (k.subjectPrefix ? [k.subjectPrefix] : [])));
  }

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
    const prefixes = this.subjectPrefixes();
    return { pageInfo: page.pageInfo, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toModel(e.node, prefixes) })) };
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
    const known = this.notificationKinds().get(n.kind);
    const verb = known?.summary ?? 'sent you a notification';
    if (known?.impersonal) return verb;
    const [firstId] = await this.visibleActorIds(actor, n, ctx);
    const first = firstId ? await ctx.loaders.get(this.persons).load(firstId) : null;
    const name = first?.displayName ?? 'Someone';
    const others = n.actorCount - 1;
    const who = others <= 0 ? name : `${name} and ${others} ${others === 1 ? 'other' : 'others'}`;
    return `${who} ${verb}`;
  }
}
