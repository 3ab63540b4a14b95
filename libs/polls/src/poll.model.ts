import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum PollResultsVisibility {
  AFTER_VOTE = 'after_vote',
  AFTER_CLOSE = 'after_close',
}
registerEnumType(PollResultsVisibility, {
  name: 'PollResultsVisibility',
  description: 'AFTER_VOTE: a voter sees the results once they voted; AFTER_CLOSE: everyone once the poll closed. The author always sees them.',
});

@InputType('PollInput')
export class PollInput {
  @Field(() => [String], { description: '2 to 10 distinct options, at most 200 characters each.' })
  options: string[];

  @Field({ defaultValue: false, description: 'May a voter choose several options?' })
  multipleChoice: boolean;

  @Field({ defaultValue: false, description: 'Votes are counted, never shown by name (not even to you).' })
  anonymous: boolean;

  @Field(() => PollResultsVisibility, { defaultValue: PollResultsVisibility.AFTER_VOTE })
  resultsVisibility: PollResultsVisibility;

  @Field(() => Date, { description: 'When voting ends: 5 minutes to 90 days from now.' })
  closesAt: Date;
}

@InputType('PostPollInput')
export class PostPollInput {
  @Field({ description: 'The question (the message text: mentions, hashtags and links work as in any message).' })
  text: string;

  @Field({ description: 'company, employees or group:<id>, as for any message.' })
  audience: string;

  @Field(() => PollInput)
  poll: PollInput;
}

@ObjectType('PollOption')
export class PollOptionModel {
  @Field(() => ID)
  id: string;

  pollId: string;

  @Field()
  label: string;

  @Field(() => Int)
  position: number;

  @Field(() => Int, { nullable: true, description: 'Votes for it; null while you may not see the results.' })
  votes: number | null;
}

@ObjectType('Poll', { description: 'A poll a message carries; the message text is the question.' })
export class PollModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  messageId: string;

  authorId: string;

  @Field()
  multipleChoice: boolean;

  @Field()
  anonymous: boolean;

  @Field(() => PollResultsVisibility)
  resultsVisibility: PollResultsVisibility;

  @Field()
  closesAt: Date;

  @Field({ description: 'Voting has ended.' })
  closed: boolean;

  @Field({ description: 'You may see the counts now (your vote, the poll closed, or your poll).' })
  resultsVisible: boolean;

  @Field(() => Int, { nullable: true, description: 'People who voted; null while you may not see the results.' })
  totalVoters: number | null;

  @Field(() => [ID], { description: 'The options you chose.' })
  myVoteOptionIds: string[];

  @Field(() => [PollOptionModel])
  options: PollOptionModel[];

  @Field({ description: "visible, or hidden / removed by moderation (then only its author and moderators see it)." })
  moderationState: string;

  @Field(() => String, { nullable: true })
  moderationReason: string | null;
}
