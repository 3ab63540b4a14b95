import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { NestFactory } from '@nestjs/core';
import { printSchema, lexicographicSortSchema } from 'graphql';
import {
  CustomFieldsResolver,
  DepartmentsResolver,
  DirectReportsResolver,
  FollowsResolver,
  HrImportResolver,
  LanguageResolver,
  LinkedInImportResolver,
  PeopleResolver,
  PeopleSearchResolver,
  PhotosResolver,
  ProfilesResolver,
  ScimTokensResolver,
} from '@plein/directory';
import { BlogCommentsResolver, BlogPostsResolver, BlogsResolver } from '@plein/blogs';
import { BUSINESS_RESOLVERS } from '@plein/business';
import { MessagesResolver } from '@plein/messages';
import { BARRIER_RESOLVERS } from '@plein/barriers';
import { CampaignsResolver, InsightsResolver, MessageCampaignResolver, PersonAmbassadorResolver } from '@plein/insights';
import { MODERATED_CONTENT_RESOLVERS, ModerationResolver, ReportedItemResolver } from '@plein/moderation';
import { GroupMembersResolver, GroupsResolver, MessageAnnouncementResolver, PersonGroupsResolver } from '@plein/groups';
import { NotificationsResolver } from '@plein/notifications';
import { RealtimeEventsResolver } from '@plein/realtime';
import { WelcomeResolver } from './welcome/welcome.resolver.js';
import { MailSettingsResolver } from '@plein/mail';

/** Every resolver class that makes up the schema. New domains add theirs here. */
export const RESOLVERS = [
  MessagesResolver,
  ...BARRIER_RESOLVERS,
  CampaignsResolver,
  MessageCampaignResolver,
  InsightsResolver,
  PersonAmbassadorResolver,
  BlogPostsResolver,
  BlogCommentsResolver,
  BlogsResolver,
  ...BUSINESS_RESOLVERS,
  ModerationResolver,
  ReportedItemResolver,
  ...MODERATED_CONTENT_RESOLVERS,
  NotificationsResolver,
  RealtimeEventsResolver,
  GroupsResolver,
  GroupMembersResolver,
  PersonGroupsResolver,
  MessageAnnouncementResolver,
  PeopleResolver,
  PhotosResolver,
  LinkedInImportResolver,
  ProfilesResolver,
  CustomFieldsResolver,
  FollowsResolver,
  DepartmentsResolver,
  DirectReportsResolver,
  PeopleSearchResolver,
  ScimTokensResolver,
  HrImportResolver,
  WelcomeResolver,
  LanguageResolver,
  MailSettingsResolver,
];

/** Builds the code-first schema without a database or server, and prints it sorted. */
export async function printSchemaOf(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  const factory = app.get(GraphQLSchemaFactory);
  const schema = await factory.create(RESOLVERS);
  await app.close();
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
