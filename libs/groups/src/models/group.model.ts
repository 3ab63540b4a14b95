import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, ConnectionType } from '@plein/core';
import { PersonModel } from '@plein/directory';

export enum GroupKind {
  OPEN = 'open',
  CLOSED = 'closed',
  SECRET = 'secret',
}
registerEnumType(GroupKind, {
  name: 'GroupKind',
  description: 'OPEN: anyone joins and reads. CLOSED: anyone sees it; joining needs an admin; members read. SECRET: only members know it exists; invitation only.',
});

export enum GroupRole {
  OWNER = 'owner',
  ADMIN = 'admin',
  MEMBER = 'member',
}
registerEnumType(GroupRole, { name: 'GroupRole' });

export enum GroupMemberStatus {
  INVITED = 'invited',
  REQUESTED = 'requested',
  ACTIVE = 'active',
  BANNED = 'banned',
}
registerEnumType(GroupMemberStatus, { name: 'GroupMemberStatus' });

/** A fixed list, so discovery can offer them as filters; "general" when nothing else fits. */
export enum GroupCategory {
  GENERAL = 'general',
  TEAM = 'team',
  PROJECT = 'project',
  KNOWLEDGE = 'knowledge',
  INTEREST = 'interest',
  SOCIAL = 'social',
  LOCATION = 'location',
  SUPPORT = 'support',
}
registerEnumType(GroupCategory, { name: 'GroupCategory' });

export enum GroupSort {
  NAME = 'NAME',
  POPULAR = 'POPULAR',
  ACTIVE = 'ACTIVE',
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(GroupSort, {
  name: 'GroupSort',
  description: 'NAME: A-Z. POPULAR: most members. ACTIVE: most messages in the last 7 days. RELEVANCE: best match (needs a query; the default with one).',
});

@ObjectType('GroupImage', { description: 'A group picture (WebP). Load it with <img>; no token needed.' })
export class GroupImageModel {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => Int)
  width: number;

  @Field(() => Int)
  height: number;
}

@ObjectType('GroupMembership', { description: 'Your (or a member\'s) standing in a group.' })
export class GroupMembershipModel {
  @Field(() => ID)
  groupId: string;

  @Field(() => ID)
  personId: string;

  @Field(() => GroupRole)
  role: GroupRole;

  @Field(() => GroupMemberStatus)
  status: GroupMemberStatus;

  @Field({ description: 'When this status began (joined, invited, asked, banned).' })
  since: Date;
}

@ObjectType('GroupPermissions', { description: 'What you may do here right now (buttons to show).' })
export class GroupPermissionsModel {
  @Field() read: boolean;
  @Field() post: boolean;
  @Field({ description: 'Join at once (open group) or accept your invitation.' }) join: boolean;
  @Field({ description: 'Ask to join (closed group).' }) requestToJoin: boolean;
  @Field() invite: boolean;
  @Field() moderate: boolean;
  @Field() edit: boolean;
  @Field() archive: boolean;
  @Field() delete: boolean;
  @Field() transferOwnership: boolean;
  @Field() leave: boolean;
}

@ObjectType('Group')
export class GroupModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field()
  rules: string;

  @Field(() => GroupCategory)
  category: GroupCategory;

  @Field(() => GroupKind)
  kind: GroupKind;

  @Field({ description: 'Payroll staff only: contractors and freelancers cannot join.' })
  payrollOnly: boolean;

  @Field(() => Int)
  memberCount: number;

  @Field({ description: 'Archived groups are read-only.' })
  archived: boolean;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @Field({ description: 'The audience to post to: group:<id>.' })
  audience: string;

  @Field()
  createdAt: Date;

  avatarImageId: string | null;
  coverImageId: string | null;
  deletedAt: Date | null;
  /** Internal: visible, hidden or removed by moderation. */
  moderationState?: string;
}

export const GroupConnection = ConnectionType(GroupModel, 'Group');

@ObjectType('GroupMember')
export class GroupMemberModel {
  @Field(() => PersonModel)
  person: PersonModel;

  @Field(() => GroupRole)
  role: GroupRole;

  @Field(() => GroupMemberStatus)
  status: GroupMemberStatus;

  @Field({ description: 'When this status began.' })
  since: Date;

  personId: string;
}

export const GroupMemberConnection = ConnectionType(GroupMemberModel, 'GroupMember');

@ObjectType('GroupCategoryCount')
export class GroupCategoryCountModel {
  @Field(() => GroupCategory)
  category: GroupCategory;

  @Field(() => Int, { description: 'Groups in this category that you can see.' })
  count: number;
}

@ObjectType('ColleagueGroup', { description: 'A group people of your department are in.' })
export class ColleagueGroupModel {
  @Field(() => GroupModel)
  group: GroupModel;

  @Field(() => Int, { description: 'How many people of your department are members.' })
  colleagues: number;
}

@InputType()
export class CreateGroupInput {
  @Field({ description: '3-80 characters; unique (ignoring case) among groups.' })
  name: string;

  @Field({ nullable: true, description: 'At most 2000 characters.' })
  description?: string;

  @Field({ nullable: true, description: 'At most 5000 characters.' })
  rules?: string;

  @Field(() => GroupCategory, { nullable: true, description: 'Default GENERAL.' })
  category?: GroupCategory;

  @Field(() => GroupKind)
  kind: GroupKind;

  @Field({ nullable: true, description: 'Default false.' })
  payrollOnly?: boolean;

  @Field(() => ID, { nullable: true, description: 'An upload (POST /uploads) with the avatar image.' })
  avatarUploadId?: string;

  @Field(() => ID, { nullable: true, description: 'An upload (POST /uploads) with the cover image.' })
  coverUploadId?: string;
}

@InputType()
export class UpdateGroupInput {
  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true })
  rules?: string;

  @Field(() => GroupCategory, { nullable: true })
  category?: GroupCategory;

  @Field(() => GroupKind, { nullable: true })
  kind?: GroupKind;

  @Field({ nullable: true, description: 'Turning it on removes contractors and freelancers from the group.' })
  payrollOnly?: boolean;

  @Field(() => ID, { nullable: true })
  avatarUploadId?: string;

  @Field(() => ID, { nullable: true })
  coverUploadId?: string;

  @Field({ nullable: true, description: 'true removes the avatar.' })
  removeAvatar?: boolean;

  @Field({ nullable: true, description: 'true removes the cover.' })
  removeCover?: boolean;
}

@ArgsType()
export class GroupsArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Words of the name or description (accents and case ignored, typos tolerated).' })
  query?: string;

  @Field(() => GroupCategory, { nullable: true })
  category?: GroupCategory;

  @Field(() => GroupSort, { nullable: true, description: 'Default RELEVANCE with a query, else NAME.' })
  sort?: GroupSort;
}

@ArgsType()
export class GroupMembersArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Part of a name.' })
  query?: string;

  @Field(() => GroupMemberStatus, { nullable: true, description: 'Default ACTIVE. INVITED, REQUESTED and BANNED are for group admins.' })
  status?: GroupMemberStatus;
}
