import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GqlContext } from '@plein/core';
import { PersonLoader, PersonModel } from '@plein/directory';
import { BlogCommentModel, BlogPostModel, toCommentModel, toPostModel } from '@plein/blogs';
import { MessageModel, toMessageModel } from '@plein/messages';
import { CurrentActor, type Actor } from '@plein/policy';
import type { ReportItemType, ReportReasonValue } from './entities/moderation.entity.js';
import {
  ModerateItemInput,
  ModerationActionModel,
  ModerationAppealModel,
  ModerationAuditEntryModel,
  ModerationQueueSort,
  ModerationSettingsModel,
  ModerationStatsModel,
  ReportInput,
  ReportItemTypeEnum,
  ReportModel,
  ReportReasonEnum,
  ReportedItemModel,
} from './models/moderation.model.js';
import { ModerationCases } from './moderation-cases.js';
import type { AuditRow, DecisionKind } from './moderation.rules.js';
import { Appeals } from './use-cases/appeals.use-case.js';
import { ClaimItem } from './use-cases/claim-item.use-case.js';
import { DecideItem } from './use-cases/decide-item.use-case.js';
import { ReadAuditLog, ManageModerationSettings } from './use-cases/audit-and-settings.use-case.js';
import { ReportContent } from './use-cases/report-content.use-case.js';

const auditModel = (r: AuditRow): ModerationAuditEntryModel => ({
  ...r,
  before: r.before ? JSON.stringify(r.before) : null,
  after: r.after ? JSON.stringify(r.after) : null,
});

/** Reports, the queue, decisions, appeals, audit: thin, every rule in the use cases and PolicyService. */
@Resolver()
export class ModerationResolver {
  constructor(
    private readonly reportContent_: ReportContent,
    private readonly cases: ModerationCases,
    private readonly claims: ClaimItem,
    private readonly decide: DecideItem,
    private readonly appeals_: Appeals,
    private readonly audit: ReadAuditLog,
    private readonly settings: ManageModerationSettings,
  ) {}

  @Mutation(() => ReportModel, { description: 'Report a message, reply, blog post, blog comment, profile, photo or group. One open report per item; at most 10 reports per 10 minutes.' })
  reportContent(@CurrentActor() actor: Actor, @Args('input') input: ReportInput): Promise<ReportModel> {
    return this.reportContent_.execute(actor, input);
  }

  @Query(() => [ReportModel], { description: 'Your reports and their status, newest first.' })
  myReports(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, nullable: true }) first?: number): Promise<ReportModel[]> {
    return this.reportContent_.mine(actor, first ?? undefined);
  }

  @Query(() => [ReportedItemModel], { description: 'Open reported items (community managers, admins; group admins for their groups).' })
  moderationQueue(
    @CurrentActor() actor: Actor,
    @Args('sort', { type: () => ModerationQueueSort, nullable: true, defaultValue: ModerationQueueSort.OLDEST }) sort: ModerationQueueSort,
    @Args('reason', { type: () => ReportReasonEnum, nullable: true }) reason?: ReportReasonEnum | null,
    @Args('itemType', { type: () => ReportItemTypeEnum, nullable: true }) itemType?: ReportItemTypeEnum | null,
    @Args('departmentId', { type: () => ID, nullable: true, description: "The author's department." }) departmentId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<ReportedItemModel[]> {
    return this.cases.queue(actor, { sort, reason: reason as ReportReasonValue | null, itemType: itemType as ReportItemType | null, departmentId, first: first ?? undefined });
  }

  @Query(() => ReportedItemModel, { description: 'One reported item, with its context.' })
  reportedItem(@CurrentActor() actor: Actor, @Args('itemType', { type: () => ReportItemTypeEnum }) itemType: string, @Args('itemId', { type: () => ID }) itemId: string) {
    return this.cases.item(actor, itemType, itemId);
  }

  @Mutation(() => ReportedItemModel, { description: 'Claim an item for 15 minutes so no other moderator works on it; CONFLICT when someone else has it.' })
  claimReportedItem(@CurrentActor() actor: Actor, @Args('itemType', { type: () => ReportItemTypeEnum }) itemType: string, @Args('itemId', { type: () => ID }) itemId: string) {
    return this.claims.claim(actor, itemType, itemId);
  }

  @Mutation(() => ReportedItemModel, { description: 'Give up your claim on an item.' })
  releaseReportedItem(@CurrentActor() actor: Actor, @Args('itemType', { type: () => ReportItemTypeEnum }) itemType: string, @Args('itemId', { type: () => ID }) itemId: string) {
    return this.claims.release(actor, itemType, itemId);
  }

  @Mutation(() => ModerationActionModel, { description: 'Decide a reported item: dismiss, hide, remove, warn, suspend or escalate, with a reason.' })
  moderateItem(@CurrentActor() actor: Actor, @Args('input') input: ModerateItemInput): Promise<ModerationActionModel> {
    return this.decide.execute(actor, { ...input, action: input.action as DecisionKind });
  }

  @Query(() => [ModerationActionModel], { description: "A person's moderation record: moderators for anyone, everyone for themselves." })
  moderationRecord(@CurrentActor() actor: Actor, @Args('personId', { type: () => ID, nullable: true, description: 'Leave out for your own.' }) personId?: string | null) {
    return this.appeals_.record(actor, personId ?? actor.personId);
  }

  @Mutation(() => ModerationAppealModel, { description: 'Appeal a removal or suspension of yours, once. Another moderator decides it.' })
  appealModeration(@CurrentActor() actor: Actor, @Args('actionId', { type: () => ID }) actionId: string, @Args('text') text: string) {
    return this.appeals_.appeal(actor, actionId, text);
  }

  @Query(() => [ModerationAppealModel], { description: 'Open appeals (moderators).' })
  moderationAppeals(@CurrentActor() actor: Actor) {
    return this.appeals_.open(actor);
  }

  @Mutation(() => ModerationAppealModel, { description: 'Decide an appeal (not one of your own decisions): overturn = true reverses it.' })
  decideAppeal(@CurrentActor() actor: Actor, @Args('appealId', { type: () => ID }) appealId: string, @Args('overturn') overturn: boolean, @Args('reason') reason: string) {
    return this.appeals_.decide(actor, appealId, overturn, reason);
  }

  @Query(() => [ModerationAuditEntryModel], { description: 'The moderation audit log, newest first (admins).' })
  async moderationAudit(
    @CurrentActor() actor: Actor,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ) {
    return (await this.audit.log(actor, { from, to, first: first ?? undefined })).map(auditModel);
  }

  @Query(() => String, { description: 'The moderation audit log as CSV text, oldest first (admins).' })
  moderationAuditCsv(@CurrentActor() actor: Actor, @Args('from', { type: () => Date, nullable: true }) from?: Date | null, @Args('to', { type: () => Date, nullable: true }) to?: Date | null) {
    return this.audit.csv(actor, { from, to });
  }

  @Query(() => ModerationSettingsModel)
  moderationSettings(@CurrentActor() actor: Actor) {
    return this.settings.get(actor);
  }

  @Mutation(() => ModerationSettingsModel, { description: 'Admins: hide messages automatically (pending review) after N distinct reporters; null turns it off.' })
  setModerationAutoHide(@CurrentActor() actor: Actor, @Args('threshold', { type: () => Int, nullable: true }) threshold: number | null) {
    return this.settings.setAutoHide(actor, threshold ?? null);
  }

  @Query(() => ModerationStatsModel, { description: 'Figures for the moderation team.' })
  moderationStats(@CurrentActor() actor: Actor) {
    return this.settings.stats(actor);
  }
}

/** The context a moderator decides with. Only reached through reportedItem / moderationQueue, which checked access. */
@Resolver(() => ReportedItemModel)
export class ReportedItemResolver {
  constructor(
    private readonly moderation: ModerationCases,
    private readonly appeals: Appeals,
    private readonly persons: PersonLoader,
  ) {}

  @ResolveField(() => PersonModel, { nullable: true, description: 'Whose item it is (author, profile or photo owner, group owner).' })
  async subject(@Parent() c: ReportedItemModel, @Context() ctx: GqlContext) {
    return c.subjectId ? ctx.loaders.get(this.persons).load(c.subjectId) : null;
  }

  @ResolveField(() => PersonModel, { nullable: true, description: 'The moderator working on it, while the claim lasts.' })
  async claimedBy(@Parent() c: ReportedItemModel, @Context() ctx: GqlContext) {
    return c.claimedBy ? ctx.loaders.get(this.persons).load(c.claimedBy) : null;
  }

  @ResolveField(() => [ReportModel], { description: 'The open reports: reasons and notes, never who reported.' })
  reports(@Parent() c: ReportedItemModel) {
    return this.moderation.reportsOf({ itemType: c.itemType as ReportItemType, itemId: c.itemId });
  }

  @ResolveField(() => MessageModel, { nullable: true, description: 'For a message: the message itself.' })
  async message(@Parent() c: ReportedItemModel) {
    if (c.itemType !== 'message') return null;
    const { message } = await this.moderation.messageContext(c.itemId);
    return message && toMessageModel(message);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The words as written, even when hidden or removed: a message or comment, a blog post (title and text), a profile\'s own text, a group\'s name, description and rules.',
  })
  originalText(@Parent() c: ReportedItemModel) {
    return this.moderation.originalText({ itemType: c.itemType as ReportItemType, itemId: c.itemId });
  }

  @ResolveField(() => String, { nullable: true, description: 'The item now: visible, hidden or removed; null when it no longer exists.' })
  itemState(@Parent() c: ReportedItemModel) {
    return this.moderation.itemState({ itemType: c.itemType as ReportItemType, itemId: c.itemId });
  }

  @ResolveField(() => BlogPostModel, { nullable: true, description: 'For a blog post: the post; for a blog comment: the post it is on.' })
  async blogPost(@Parent() c: ReportedItemModel) {
    const { post } = await this.moderation.blogContext({ itemType: c.itemType as ReportItemType, itemId: c.itemId });
    return post && toPostModel(post);
  }

  @ResolveField(() => BlogCommentModel, { nullable: true, description: 'For a blog comment: the comment itself.' })
  async blogComment(@Parent() c: ReportedItemModel) {
    const { comment } = await this.moderation.blogContext({ itemType: c.itemType as ReportItemType, itemId: c.itemId });
    return comment && toCommentModel(comment);
  }

  @ResolveField(() => [BlogCommentModel], { description: 'For a blog comment: its thread (the top-level comment first, then nearby replies, oldest first).' })
  async blogThread(@Parent() c: ReportedItemModel) {
    return (await this.moderation.blogContext({ itemType: c.itemType as ReportItemType, itemId: c.itemId })).thread.map((r) => toCommentModel(r));
  }

  @ResolveField(() => [MessageModel], { description: 'For a message: its thread around it (root first, then nearby replies, oldest first).' })
  async thread(@Parent() c: ReportedItemModel) {
    if (c.itemType !== 'message') return [];
    return (await this.moderation.messageContext(c.itemId)).thread.map(toMessageModel);
  }

  @ResolveField(() => [ModerationActionModel], { description: "The subject's recent moderation history." })
  async subjectHistory(@CurrentActor() actor: Actor, @Parent() c: ReportedItemModel) {
    return c.subjectId ? (await this.appeals.record(actor, c.subjectId)).slice(0, 20) : [];
  }
}
