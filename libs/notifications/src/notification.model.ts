import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@plein/core';
import { NotificationKind } from './notification.entity.js';

registerEnumType(NotificationKind, { name: 'NotificationKind' });

@ObjectType('Notification')
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field()
  read: boolean;

  @Field(() => Int, { description: 'How many people did it (likes aggregate per message).' })
  actorCount: number;

  @Field()
  createdAt: Date;

  @Field({ description: 'Last activity; the list is sorted on it.' })
  updatedAt: Date;

  @Field(() => String, { nullable: true, description: 'What it is about when that is not a message, as kind:id (notice:<id>, vacancy-match:<vacancyId>, vacancy-referral:<referralId>, vacancy-interest:<vacancyId>, blog-post:<postId>, blog-comment:<commentId>, blog-mention:<commentId>).' })
  subject: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the web app shows what it is about (/messages/<id>, /people/<id>, /blogs/<id>, /notices/<id>, /vacancies, /groups/<id>; /my/reports for REPORT_OUTCOME, /my/moderation for MODERATION), or null when there is no such page.',
  })
  url: string | null;

  actorIds: string[];
  messageId: string | null;
}

export const NotificationConnection = ConnectionType(NotificationModel, 'Notification');
