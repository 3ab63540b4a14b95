import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type GqlContext, type LoaderFactory } from '@plein/core';
import { PersonLoader, PersonModel } from '@plein/directory';
import { MessageModel, toMessageModel } from '@plein/messages';
import { CurrentActor, type Actor } from '@plein/policy';
import { Injectable } from '@nestjs/common';
import { PollModel, PollOptionModel, PostPollInput, type PollResultsVisibility } from './poll.model.js';
import { PollsService, type PollResult, type PollRow } from './polls.service.js';
import { PollWrites } from './use-cases/poll-writes.js';

const toPollModel = (r: PollResult): PollModel => ({ ...r, resultsVisibility: r.resultsVisibility as PollResultsVisibility });

/** Polls by message id, one statement per request's batch (the poll a feed's messages carry). */
@Injectable()
export class PollByMessageLoader implements LoaderFactory<string, PollRow | null> {
  constructor(private readonly polls: PollsService) {}
  async load(messageIds: readonly string[]) {
    const rows = await this.polls.byMessageIds(messageIds);
    return messageIds.map((id) => rows.find((r) => r.messageId === id) ?? null);
  }
}

/** Polls: thin, every rule in PollWrites, PollsService and the poll content kind. */
@Resolver(() => PollModel)
export class PollsResolver {
  constructor(
    private readonly polls: PollsService,
    private readonly writes: PollWrites,
  ) {}

  private async visible(actor: Actor, id: string): Promise<PollModel | null> {
    const poll = await this.polls.find(id);
    if (!poll || !(await this.polls.canSee(actor, poll))) return null;
    return toPollModel((await this.polls.results(actor, [poll]))[0]);
  }

  @Query(() => PollModel, { nullable: true, description: 'A poll, if you may see it.' })
  poll(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<PollModel | null> {
    return this.visible(actor, id);
  }

  @Mutation(() => MessageModel, { description: 'Post a message that carries a poll (its text is the question).' })
  async postPoll(@CurrentActor() actor: Actor, @Args('input') input: PostPollInput): Promise<MessageModel> {
    return toMessageModel(await this.writes.post(actor, input));
  }

  @Mutation(() => PollModel, { description: 'Vote (again: your new choice replaces the old one). One option, or several in a multiple-choice poll.' })
  async votePoll(@CurrentActor() actor: Actor, @Args('pollId', { type: () => ID }) pollId: string, @Args('optionIds', { type: () => [ID] }) optionIds: string[]): Promise<PollModel> {
    const poll = await this.writes.vote(actor, pollId, optionIds);
    return (await this.visible(actor, poll.id))!;
  }

  @Mutation(() => PollModel, { description: 'Close your poll now.' })
  async closePoll(@CurrentActor() actor: Actor, @Args('pollId', { type: () => ID }) pollId: string): Promise<PollModel> {
    const poll = await this.writes.close(actor, pollId);
    return (await this.visible(actor, poll.id))!;
  }
}

@Resolver(() => PollOptionModel)
export class PollOptionsResolver {
  constructor(
    private readonly polls: PollsService,
    private readonly persons: PersonLoader,
  ) {}

  @ResolveField(() => [PersonModel], { description: 'Who chose it (at most 50, latest first): empty for an anonymous poll or while you may not see the results; nobody behind an information barrier.' })
  async voters(@CurrentActor() actor: Actor, @Parent() option: PollOptionModel, @Context() ctx: GqlContext): Promise<PersonModel[]> {
    const poll = await this.polls.find(option.pollId);
    if (!poll || !(await this.polls.canSee(actor, poll))) return [];
    const [result] = await this.polls.results(actor, [poll]);
    const people = await ctx.loaders.get(this.persons).loadMany(await this.polls.voters(actor, result, option.id));
    return people.filter((p): p is PersonModel & NonNullable<typeof p> => !!p && !(p instanceof Error));
  }
}

/** Message.poll: the poll a message carries, if any and if you may see it. */
@Resolver(() => MessageModel)
export class MessagePollResolver {
  constructor(
    private readonly polls: PollsService,
    private readonly loader: PollByMessageLoader,
  ) {}

  @ResolveField(() => PollModel, { nullable: true, description: 'The poll it carries; null when none, or moderation took it down (but for its author and moderators).' })
  async poll(@CurrentActor() actor: Actor, @Parent() m: MessageModel, @Context() ctx: GqlContext): Promise<PollModel | null> {
    const poll = await ctx.loaders.get(this.loader).load(m.id);
    // The message itself was already checked; the poll's own moderation state is the rest of the rule.
    if (!poll || !(await this.polls.canSee(actor, poll))) return null;
    return toPollModel((await this.polls.results(actor, [poll]))[0]);
  }
}
