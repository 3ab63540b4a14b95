import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ReportItemTypeEnum {
  MESSAGE = 'message',
  BLOG_POST = 'blog_post',
  BLOG_COMMENT = 'blog_comment',
  PROFILE = 'profile',
  PHOTO = 'photo',
  GROUP = 'group',
  /** A message's poll (libs/polls); reporting the message covers its text, this the poll. */
  POLL = 'poll',
}
registerEnumType(ReportItemTypeEnum, { name: 'ReportItemType', description: 'MESSAGE covers replies too; BLOG_COMMENT covers replies to comments.' });

export enum ReportReasonEnum {
  HARASSMENT_OR_BULLYING = 'harassment_or_bullying',
  DISCRIMINATION = 'discrimination',
  CONFIDENTIAL_OR_INSIDER_INFORMATION = 'confidential_or_insider_information',
  PRIVACY_BREACH = 'privacy_breach',
  SPAM_OR_ADVERTISING = 'spam_or_advertising',
  OTHER = 'other',
}
registerEnumType(ReportReasonEnum, { name: 'ReportReason' });

export enum ReportStatusEnum {
  OPEN = 'open',
  DISMISSED = 'dismissed',
  ACTIONED = 'actioned',
}
registerEnumType(ReportStatusEnum, { name: 'ReportStatus', description: 'OPEN: waiting for a moderator; DISMISSED: no action needed; ACTIONED: moderation acted.' });

export enum ModerationDecision {
  DISMISS = 'dismiss',
  HIDE = 'hide',
  REMOVE = 'remove',
  WARN = 'warn',
  SUSPEND = 'suspend',
  ESCALATE = 'escalate',
}
registerEnumType(ModerationDecision, { name: 'ModerationDecision' });

export enum ModerationQueueSort {
  OLDEST = 'OLDEST',
  MOST_REPORTED = 'MOST_REPORTED',
}
registerEnumType(ModerationQueueSort, { name: 'ModerationQueueSort' });

@InputType()
export class ReportInput {
  @Field(() => ReportItemTypeEnum)
  itemType: ReportItemTypeEnum;

  @Field(() => ID, { description: 'The message, blog post, blog comment, person (profile), photo or group id.' })
  itemId: string;

  @Field(() => ReportReasonEnum)
  reason: ReportReasonEnum;

  @Field(() => String, { nullable: true, description: 'Up to 1000 characters; required for OTHER.' })
  note?: string | null;
}

@InputType()
export class ModerateItemInput {
  @Field(() => ReportItemTypeEnum)
  itemType: ReportItemTypeEnum;

  @Field(() => ID)
  itemId: string;

  @Field(() => ModerationDecision)
  action: ModerationDecision;

  @Field({ description: 'Why: 1 to 1000 characters. The author sees it for HIDE, REMOVE, WARN and SUSPEND.' })
  reason: string;

  @Field(() => Int, { nullable: true, description: 'For SUSPEND: 1 to 365 days.' })
  suspendDays?: number | null;
}

@ObjectType('Report')
export class ReportModel {
  @Field(() => ID)
  id: string;

  @Field(() => ReportItemTypeEnum)
  itemType: string;

  @Field(() => ID)
  itemId: string;

  @Field(() => ReportReasonEnum)
  reason: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ReportStatusEnum)
  status: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;
}

@ObjectType('ModerationAction')
export class ModerationActionModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'dismiss, hide, remove, warn, suspend, escalate, auto_hide, appeal_upheld or appeal_overturned.' })
  kind: string;

  @Field(() => ReportItemTypeEnum, { nullable: true })
  itemType: string | null;

  @Field(() => ID, { nullable: true })
  itemId: string | null;

  @Field()
  reason: string;

  @Field(() => Date, { nullable: true, description: 'For a suspension: when it ends.' })
  until: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an appeal overturned it.' })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'open, upheld or overturned, once appealed.' })
  appealStatus: string | null;

  @Field()
  createdAt: Date;

  subjectId: string | null;
  moderatorId: string | null;
}

@ObjectType('ModerationAppeal')
export class ModerationAppealModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  actionId: string;

  @Field()
  actionKind: string;

  @Field({ description: "The decision's reason." })
  actionReason: string;

  @Field()
  text: string;

  @Field({ description: 'open, upheld or overturned.' })
  status: string;

  @Field(() => String, { nullable: true })
  decisionReason: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  appellantId: string;
  actionModeratorId: string | null;
  decidedBy: string | null;
}

/** One reported item in the queue. Reporters are counted, never named. */
@ObjectType('ReportedItem')
export class ReportedItemModel {
  @Field(() => ReportItemTypeEnum)
  itemType: string;

  @Field(() => ID)
  itemId: string;

  @Field({ description: 'open or escalated (admins only decide escalated items).' })
  status: string;

  @Field(() => Int, { description: 'Distinct people with an open report.' })
  reporters: number;

  @Field(() => [ReportReasonEnum])
  reasons: string[];

  @Field()
  firstReportedAt: Date;

  @Field(() => Date, { nullable: true })
  claimedUntil: Date | null;

  subjectId: string | null;
  groupId: string | null;
  claimedBy: string | null;
}

@ObjectType('ModerationAuditEntry')
export class ModerationAuditEntryModel {
  @Field(() => ID)
  id: string;

  @Field()
  createdAt: Date;

  @Field(() => ID, { nullable: true, description: 'Null for automatic actions.' })
  actorId: string | null;

  @Field()
  event: string;

  @Field(() => String, { nullable: true })
  itemType: string | null;

  @Field(() => ID, { nullable: true })
  itemId: string | null;

  @Field(() => ID, { nullable: true })
  subjectId: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'JSON.' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'JSON.' })
  after: string | null;
}

@ObjectType('ModerationSettings')
export class ModerationSettingsModel {
  @Field(() => Int, { nullable: true, description: 'Hide a message pending review after this many distinct reporters; null = off.' })
  autoHideThreshold: number | null;
}

@ObjectType('ReasonWeekCount')
export class ReasonWeekCountModel {
  @Field()
  week: Date;

  @Field(() => ReportReasonEnum)
  reason: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('ModerationStats')
export class ModerationStatsModel {
  @Field(() => Int)
  openReports: number;

  @Field(() => Int)
  openItems: number;

  @Field(() => Number, { nullable: true, description: 'Median minutes from first report to first action, last 90 days.' })
  medianMinutesToFirstAction: number | null;

  @Field(() => [ReasonWeekCountModel], { description: 'Reports by reason per week, last 12 weeks.' })
  reasonsByWeek: ReasonWeekCountModel[];
}
