import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, forbidden, notFound, type Connection, type GqlContext, type LoaderFactory } from '@plein/core';
import { PersonBarrier, PersonLoader, PersonModel } from '@plein/directory';
import { MessageConnection, MessageModel, MessagePagePrimer, MessagesService, toMessageModel, type MessageRow } from '@plein/messages';
import { CurrentActor, PolicyService, type Actor, type GroupAction, type GroupFacts } from '@plein/policy';
import { GroupCommands } from './group-commands.service.js';
import { groupImageUrl } from './group-images.service.js';
import { AnnouncementLoader, GroupMembershipLoader, GroupRowLoader } from './group.loaders.js';
import { factsOf, GroupsService, type GroupRow, type MembershipRow } from './groups.service.js';
import {
  ColleagueGroupModel,
  CreateGroupInput,
  GroupCategory,
  GroupCategoryCountModel,
  GroupConnection,
  GroupImageModel,
  GroupKind,
  GroupMemberConnection,
  GroupMemberModel,
  GroupMembersArgs,
  GroupMembershipModel,
  GroupMemberStatus,
  GroupModel,
  GroupPermissionsModel,
  GroupRole,
  GroupsArgs,
  UpdateGroupInput,
} from './models/group.model.js';

export function toGroupModel(g: GroupRow): GroupModel {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    rules: g.rules,
    category: g.category as GroupCategory,
    kind: g.kind as GroupKind,
    payrollOnly: g.payrollOnly,
    memberCount: g.memberCount,
    archived: !!g.archivedAt,
    archivedAt: g.archivedAt,
    audience: `group:${g.id}`,
    createdAt: g.createdAt,
    avatarImageId: g.avatarImageId,
    coverImageId: g.coverImageId,
    deletedAt: g.deletedAt,
    moderationState: g.moderationState,
  };
}

function factsOfModel(g: GroupModel): GroupFacts {
  return factsOf({ kind: g.kind as GroupFacts['kind'], payrollOnly: g.payrollOnly, archivedAt: g.archivedAt, deletedAt: g.deletedAt, moderationState: g.moderationState });
}

export function toMembershipModel(m: MembershipRow): GroupMembershipModel {
  return { groupId: m.groupId, personId: m.personId, role: m.role as GroupRole, status: m.status as GroupMemberStatus, since: m.since };
}

function groupConnection(c: Connection<GroupRow>): Connection<GroupModel> {
  return { pageInfo: c.pageInfo, edges: c.edges.map((e) => ({ cursor: e.cursor, node: toGroupModel(e.node) })) };
}

function messageConnection(c: Connection<MessageRow>): Connection<MessageModel> {
  return { pageInfo: c.pageInfo, edges: c.edges.map((e) => ({ cursor: e.cursor, node: toMessageModel(e.node) })) };
}

@Resolver(() => GroupModel)
export class GroupsResolver {
  constructor(
    private readonly service: GroupsService,
    private readonly commands: GroupCommands,
    private readonly policy: PolicyService,
    private readonly memberships: GroupMembershipLoader,
    private readonly messages: MessagesService,
    private readonly primer: MessagePagePrimer,
  ) {}

  // ---- reads

  @Query(() => GroupModel, { description: 'One group you may see (a secret group you are not in is NOT_FOUND).' })
  async group(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<GroupModel> {
    return toGroupModel((await this.service.getVisible(actor, id)).group);
  }

  @Query(() => GroupConnection, { description: 'Discover groups: search, filter by category, sort by name, members or activity.' })
  async groups(@CurrentActor() actor: Actor, @Args() args: GroupsArgs): Promise<Connection<GroupModel>> {
    return groupConnection(await this.service.list(actor, args));
  }

  @Query(() => GroupConnection, { description: 'The groups you are a member of, A-Z.' })
  async myGroups(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs): Promise<Connection<GroupModel>> {
    return groupConnection(await this.service.list(actor, { ...args, mine: true }));
  }

  @Query(() => [ColleagueGroupModel], { description: 'Groups people of your department are in (and you are not).' })
  async groupsOfMyColleagues(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, nullable: true }) first?: number): Promise<ColleagueGroupModel[]> {
    return (await this.service.colleagueGroups(actor, first ?? 10)).map((r) => ({ group: toGroupModel(r.group), colleagues: r.colleagues }));
  }

  @Query(() => [GroupCategoryCountModel], { description: 'Every category with the number of groups in it you can see.' })
  async groupCategories(@CurrentActor() actor: Actor): Promise<GroupCategoryCountModel[]> {
    const counts = await this.service.categoryCounts(actor);
    return Object.values(GroupCategory).map((category) => ({ category, count: counts.get(category) ?? 0 }));
  }

  @Query(() => [GroupModel], { description: 'Groups that invited you and wait for your answer.' })
  async myGroupInvitations(@CurrentActor() actor: Actor): Promise<GroupModel[]> {
    return (await this.service.invitationsOf(actor)).map(toGroupModel);
  }

  @Query(() => MessageConnection, { description: "A group's messages, newest first (members; anyone for an open group)." })
  async groupFeed(
    @CurrentActor() actor: Actor,
    @Args('groupId', { type: () => ID }) groupId: string,
    @Args() args: ConnectionArgs,
    @Context() ctx: GqlContext,
  ): Promise<Connection<MessageModel>> {
    const { group, membership } = await this.service.getVisible(actor, groupId);
    if (!this.service.can(actor, 'read', group, membership)) throw forbidden('Only members can read this group.');
    return this.feedPage(actor, ctx, group.id, args);
  }

  /** A feed page with its authors and the reader's likes in the same statement, primed into the loaders. */
  private async feedPage(actor: Actor, ctx: GqlContext, groupId: string, args: ConnectionArgs): Promise<Connection<MessageModel>> {
    const page = await this.service.feed(groupId, args, actor, (sql, p) => this.messages.withAuthorsAndLikes(sql, p, actor.personId));
    this.primer.prime(ctx, actor, page.edges.map((e) => e.node));
    return messageConnection(page);
  }

  // ---- group writes

  @Mutation(() => GroupModel, { description: 'Start a group; you become its owner.' })
  async createGroup(@CurrentActor() actor: Actor, @Args('input') input: CreateGroupInput): Promise<GroupModel> {
    return toGroupModel(await this.commands.create(actor, input));
  }

  @Mutation(() => GroupModel, { description: 'Change a group (its admins).' })
  async updateGroup(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateGroupInput): Promise<GroupModel> {
    return toGroupModel(await this.commands.update(actor, id, input));
  }

  @Mutation(() => GroupModel, { description: 'Archive (read-only) or unarchive a group (its admins).' })
  async archiveGroup(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('archived', { type: () => Boolean, nullable: true, defaultValue: true }) archived: boolean,
  ): Promise<GroupModel> {
    return toGroupModel(await this.commands.archive(actor, id, archived));
  }

  @Mutation(() => ID, { description: 'Delete a group (its admins). Returns its id.' })
  deleteGroup(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.commands.delete(actor, id);
  }

  // ---- membership writes

  @Mutation(() => GroupMembershipModel, { description: 'Join an open group, ask to join a closed one, or accept an invitation. Status ACTIVE or REQUESTED.' })
  async joinGroup(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string): Promise<GroupMembershipModel> {
    return toMembershipModel(await this.commands.join(actor, groupId));
  }

  @Mutation(() => Boolean, { description: 'Take back your request to join.' })
  withdrawJoinRequest(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string): Promise<boolean> {
    return this.commands.withdrawRequest(actor, groupId);
  }

  @Mutation(() => GroupMembershipModel, { nullable: true, description: 'Accept (you become a member) or decline (null) an invitation.' })
  async respondToGroupInvitation(
    @CurrentActor() actor: Actor,
    @Args('groupId', { type: () => ID }) groupId: string,
    @Args('accept') accept: boolean,
  ): Promise<GroupMembershipModel | null> {
    const m = await this.commands.respondToInvitation(actor, groupId, accept);
    return m ? toMembershipModel(m) : null;
  }

  @Mutation(() => [GroupMembershipModel], { description: 'Invite people (at most 50). Open groups: any member; closed and secret: admins.' })
  async inviteToGroup(
    @CurrentActor() actor: Actor,
    @Args('groupId', { type: () => ID }) groupId: string,
    @Args('personIds', { type: () => [ID] }) personIds: string[],
  ): Promise<GroupMembershipModel[]> {
    return (await this.commands.invite(actor, groupId, personIds)).map(toMembershipModel);
  }

  @Mutation(() => GroupMembershipModel, { description: 'Let someone who asked to join in (group admins).' })
  async approveJoinRequest(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string, @Args('personId', { type: () => ID }) personId: string) {
    return toMembershipModel((await this.commands.decideRequest(actor, groupId, personId, true))!);
  }

  @Mutation(() => Boolean, { description: 'Turn down a request to join (group admins).' })
  async rejectJoinRequest(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string, @Args('personId', { type: () => ID }) personId: string) {
    await this.commands.decideRequest(actor, groupId, personId, false);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Remove a member or withdraw an invitation (group admins); ban: they cannot come back.' })
  async removeGroupMember(
    @CurrentActor() actor: Actor,
    @Args('groupId', { type: () => ID }) groupId: string,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('ban', { type: () => Boolean, nullable: true, defaultValue: false }) ban: boolean,
  ): Promise<boolean> {
    await this.commands.remove(actor, groupId, personId, ban);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Lift a ban (group admins).' })
  unbanGroupMember(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string, @Args('personId', { type: () => ID }) personId: string) {
    return this.commands.unban(actor, groupId, personId);
  }

  @Mutation(() => GroupMembershipModel, { description: 'Make a member an admin, or an admin a member again.' })
  async setGroupMemberRole(
    @CurrentActor() actor: Actor,
    @Args('groupId', { type: () => ID }) groupId: string,
    @Args('personId', { type: () => ID }) personId: string,
    @Args('role', { type: () => GroupRole }) role: GroupRole,
  ): Promise<GroupMembershipModel> {
    return toMembershipModel(await this.commands.setRole(actor, groupId, personId, role));
  }

  @Mutation(() => Boolean, { description: 'Leave a group (the owner first transfers ownership).' })
  leaveGroup(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string): Promise<boolean> {
    return this.commands.leave(actor, groupId);
  }

  @Mutation(() => GroupMembershipModel, { description: 'Hand the group to another member; you stay as an admin. Returns their membership.' })
  async transferGroupOwnership(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string, @Args('personId', { type: () => ID }) personId: string) {
    return toMembershipModel(await this.commands.transferOwnership(actor, groupId, personId));
  }

  @Mutation(() => Boolean, { description: 'Pin a group message to the top of its feed (group admins; at most 10).' })
  pinGroupMessage(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string, @Args('messageId', { type: () => ID }) messageId: string) {
    return this.commands.pin(actor, groupId, messageId, true);
  }

  @Mutation(() => Boolean, { description: 'Unpin a group message. Returns false.' })
  unpinGroupMessage(@CurrentActor() actor: Actor, @Args('groupId', { type: () => ID }) groupId: string, @Args('messageId', { type: () => ID }) messageId: string) {
    return this.commands.pin(actor, groupId, messageId, false);
  }

  @Mutation(() => ID, { description: "Make a group message an announcement (it reaches every member's home feed), or stop. Group admins. Returns the message id." })
  setGroupAnnouncement(
    @CurrentActor() actor: Actor,
    @Args('messageId', { type: () => ID }) messageId: string,
    @Args('announced', { type: () => Boolean, nullable: true, defaultValue: true }) announced: boolean,
  ): Promise<string> {
    return this.commands.announce(actor, messageId, announced);
  }

  // ---- fields

  private async mine(actor: Actor, g: GroupModel, ctx: GqlContext): Promise<MembershipRow | null> {
    return ctx.loaders.get(this.memberships).load(`${actor.personId}:${g.id}`);
  }

  private can(actor: Actor, action: GroupAction, g: GroupModel, m: MembershipRow | null): boolean {
    return this.policy.canGroup(actor, action, factsOfModel(g), m);
  }

  @ResolveField(() => GroupMembershipModel, { nullable: true, description: 'Your membership, invitation, request or ban; null when none.' })
  async myMembership(@CurrentActor() actor: Actor, @Parent() g: GroupModel, @Context() ctx: GqlContext): Promise<GroupMembershipModel | null> {
    const m = await this.mine(actor, g, ctx);
    return m ? toMembershipModel(m) : null;
  }

  @ResolveField(() => GroupPermissionsModel)
  async viewerCan(@CurrentActor() actor: Actor, @Parent() g: GroupModel, @Context() ctx: GqlContext): Promise<GroupPermissionsModel> {
    const m = await this.mine(actor, g, ctx);
    const can = (a: GroupAction) => this.can(actor, a, g, m);
    return {
      read: can('read'),
      post: can('post'),
      join: can('join'),
      requestToJoin: can('request'),
      invite: can('invite'),
      moderate: can('moderate'),
      edit: can('edit'),
      archive: can('archive'),
      delete: can('delete'),
      transferOwnership: can('transfer'),
      leave: can('leave') && m?.role !== 'owner',
    };
  }

  @ResolveField(() => GroupImageModel, { nullable: true })
  avatar(@Parent() g: GroupModel) {
    return g.avatarImageId ? { id: g.avatarImageId, url: groupImageUrl(g.avatarImageId), width: 256, height: 256 } : null;
  }

  @ResolveField(() => GroupImageModel, { nullable: true })
  cover(@Parent() g: GroupModel) {
    return g.coverImageId ? { id: g.coverImageId, url: groupImageUrl(g.coverImageId), width: 1500, height: 500 } : null;
  }

  @ResolveField(() => GroupMemberConnection, { description: 'Members (if you may read the group); invitations, requests and bans for group admins.' })
  async members(@CurrentActor() actor: Actor, @Parent() g: GroupModel, @Args() args: GroupMembersArgs, @Context() ctx: GqlContext) {
    const m = await this.mine(actor, g, ctx);
    const status = args.status ?? GroupMemberStatus.ACTIVE;
    const action = status === GroupMemberStatus.ACTIVE ? 'read' : 'moderate';
    if (!this.can(actor, action, g, m)) {
      throw forbidden(action === 'read' ? 'Only members can see who is in this group.' : "Only the group's admins see invitations, requests and bans.");
    }
    const page = await this.service.members(g.id, { status, query: args.query, first: args.first, after: args.after });
    return { pageInfo: page.pageInfo, edges: page.edges.map((e) => ({ cursor: e.cursor, node: { ...toMembershipModel(e.node), person: undefined as unknown as PersonModel } })) };
  }

  @ResolveField(() => MessageConnection, { description: 'The group feed (same as groupFeed).' })
  async feed(@CurrentActor() actor: Actor, @Parent() g: GroupModel, @Args() args: ConnectionArgs, @Context() ctx: GqlContext) {
    if (!this.can(actor, 'read', g, await this.mine(actor, g, ctx))) throw forbidden('Only members can read this group.');
    return this.feedPage(actor, ctx, g.id, args);
  }

  @ResolveField(() => [MessageModel], { description: 'Pinned messages, most recently pinned first.' })
  async pinned(@CurrentActor() actor: Actor, @Parent() g: GroupModel, @Context() ctx: GqlContext): Promise<MessageModel[]> {
    if (!this.can(actor, 'read', g, await this.mine(actor, g, ctx))) return [];
    return (await this.service.pinned(g.id)).map(toMessageModel);
  }

  @ResolveField(() => Int, { description: 'Messages posted in the last 7 days (0 when you may not read the group).' })
  async messagesThisWeek(@CurrentActor() actor: Actor, @Parent() g: GroupModel, @Context() ctx: GqlContext): Promise<number> {
    if (!this.can(actor, 'read', g, await this.mine(actor, g, ctx))) return 0;
    return this.service.messagesThisWeek(g.id);
  }
}

@Resolver(() => GroupMemberModel)
export class GroupMembersResolver {
  constructor(private readonly persons: PersonLoader) {}

  @ResolveField(() => PersonModel)
  async person(@Parent() m: GroupMemberModel, @Context() ctx: GqlContext): Promise<PersonModel> {
    const person = await ctx.loaders.get(this.persons).load(m.personId);
    if (!person) throw notFound('That member was not found.');
    return person as unknown as PersonModel;
  }
}

/** Groups on profile pages and the announcement flag on messages. */
@Resolver(() => PersonModel)
export class PersonGroupsResolver {
  // What a viewer may see depends on the viewer, so the loader is per actor (actors live per request).
  private readonly loaders = new WeakMap<Actor, LoaderFactory<string, GroupRow[]>>();

  constructor(
    private readonly service: GroupsService,
    private readonly barrier: PersonBarrier,
  ) {}

  @ResolveField(() => [GroupModel], { description: 'Groups this person is a member of that you may see (secret ones only if you are in them too; none across an information barrier).' })
  async groups(@CurrentActor() actor: Actor, @Parent() p: PersonModel, @Context() ctx: GqlContext): Promise<GroupModel[]> {
    if (await this.barrier.hides(actor, p.id, ctx)) return [];
    let factory = this.loaders.get(actor);
    if (!factory) {
      factory = {
        load: async (ids) => {
          const found = await this.service.groupsOfPeople(actor, ids);
          return ids.map((id) => found.get(id) ?? []);
        },
      };
      this.loaders.set(actor, factory);
    }
    return (await ctx.loaders.get(factory).load(p.id)).map(toGroupModel);
  }
}

@Resolver(() => MessageModel)
export class MessageAnnouncementResolver {
  constructor(
    private readonly announcements: AnnouncementLoader,
    private readonly groupRows: GroupRowLoader,
  ) {}

  // Whoever may read the message may read its group's audience, so the group's name is theirs to see.
  @ResolveField(() => GroupModel, { nullable: true, description: 'The group a group message was posted in; null for company and employees messages.' })
  async group(@Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<GroupModel | null> {
    const id = /^group:([0-9a-f-]{36})$/.exec(m.audience)?.[1];
    if (!id) return null;
    const row = await ctx.loaders.get(this.groupRows).load(id);
    return row ? toGroupModel(row) : null;
  }

  @ResolveField(() => Boolean, { description: "A group announcement: shown in every member's home feed." })
  groupAnnouncement(@Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<boolean> {
    return ctx.loaders.get(this.announcements).load(m.id);
  }
}
