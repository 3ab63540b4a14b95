import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum MailKindEnum {
  MENTION = 'mention',
  REPLY = 'reply',
  BLOG_COMMENT = 'blog_comment',
  JOIN_REQUEST = 'join_request',
  MODERATION = 'moderation',
  NOTICE = 'notice',
  DIGEST = 'digest',
}
registerEnumType(MailKindEnum, { name: 'MailKind', description: 'A kind of mail one can switch on or off: notification mail per kind, and the weekly digest.' });

export enum LanguageEnum {
  NL = 'nl',
  EN = 'en',
}
registerEnumType(LanguageEnum, { name: 'Language', description: 'nl (default) or en: the web app, mail and exports.' });

@ObjectType('MailKindSetting')
export class MailKindSettingModel {
  @Field(() => MailKindEnum)
  kind: MailKindEnum;

  @Field()
  enabled: boolean;
}

@ObjectType('MailSettings')
export class MailSettingsModel {
  @Field(() => [MailKindSettingModel])
  kinds: MailKindSettingModel[];

  @Field(() => Int, { description: 'ISO weekday of the weekly digest: 1 = Monday … 7 = Sunday.' })
  digestDay: number;

  @Field(() => Date, { nullable: true, description: 'When the mail server refused the address for good; no mail goes out until HR changes it.' })
  bouncedAt: Date | null;

  @Field({ description: 'Where mail goes (the HR-owned work address).' })
  email: string;
}

@InputType()
export class MailKindSettingInput {
  @Field(() => MailKindEnum)
  kind: MailKindEnum;

  @Field()
  enabled: boolean;
}

@InputType()
export class UpdateMailSettingsInput {
  @Field(() => [MailKindSettingInput], { nullable: true })
  kinds?: MailKindSettingInput[];

  @Field(() => Int, { nullable: true })
  digestDay?: number;
}

@ObjectType('SentMail')
export class SentMailModel {
  @Field()
  id: string;

  @Field()
  to: string;

  @Field()
  subject: string;

  @Field()
  date: Date;
}

@ObjectType('SentMailMessage')
export class SentMailMessageModel extends SentMailModel {
  @Field()
  html: string;

  @Field()
  text: string;

  @Field(() => String, { nullable: true, description: 'The List-Unsubscribe header.' })
  listUnsubscribe: string | null;

  @Field({ description: 'A link to the HTML alone, styled as a mail client shows it, for an <iframe>: signed, valid for ten minutes.' })
  previewUrl: string;
}
