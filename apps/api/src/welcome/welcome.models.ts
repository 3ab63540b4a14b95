import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PersonModel } from '@plein/directory';
import { GroupModel } from '@plein/groups';

export enum PersonSuggestionReason {
  MANAGER = 'MANAGER',
  TEAM = 'TEAM',
  GROUPMATE = 'GROUPMATE',
  FOLLOWED_BY_FOLLOWED = 'FOLLOWED_BY_FOLLOWED',
  DEPARTMENT = 'DEPARTMENT',
}
registerEnumType(PersonSuggestionReason, {
  name: 'PersonSuggestionReason',
  description: 'MANAGER: your manager. TEAM: reports to your manager (or to you). GROUPMATE: in a group with you. FOLLOWED_BY_FOLLOWED: people you follow follow them. DEPARTMENT: your department.',
});

export enum GroupSuggestionReason {
  POPULAR_IN_DEPARTMENT = 'POPULAR_IN_DEPARTMENT',
  POPULAR = 'POPULAR',
}
registerEnumType(GroupSuggestionReason, { name: 'GroupSuggestionReason' });

export enum SuggestionKind {
  PERSON = 'person',
  GROUP = 'group',
}
registerEnumType(SuggestionKind, { name: 'SuggestionKind' });

@ObjectType('PersonSuggestion')
export class PersonSuggestionModel {
  @Field(() => PersonModel)
  person: PersonModel;

  @Field(() => PersonSuggestionReason)
  reason: PersonSuggestionReason;
}

@ObjectType('GroupSuggestion')
export class GroupSuggestionModel {
  @Field(() => GroupModel)
  group: GroupModel;

  @Field(() => GroupSuggestionReason)
  reason: GroupSuggestionReason;

  @Field(() => Int, { description: 'Members from your department.' })
  departmentMembers: number;
}

@ObjectType('Suggestions', { description: 'Who to follow and which groups to join; never across an information barrier.' })
export class SuggestionsModel {
  @Field({ description: 'True while you follow few people: the home page shows the suggestions.' })
  show: boolean;

  @Field(() => Int)
  followingCount: number;

  @Field(() => [PersonSuggestionModel])
  people: PersonSuggestionModel[];

  @Field(() => [GroupSuggestionModel])
  groups: GroupSuggestionModel[];
}

@ObjectType('Welcome', { description: 'The first-login welcome: pending until finished or skipped, then never again.' })
export class WelcomeModel {
  @Field()
  pending: boolean;
}
