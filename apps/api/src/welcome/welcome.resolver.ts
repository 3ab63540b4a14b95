import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { toGroupModel } from '@plein/groups';
import { CurrentActor, type Actor } from '@plein/policy';
import { FEW_FOLLOWS, WelcomeService } from './welcome.service.js';
import { GroupSuggestionReason, PersonSuggestionReason, SuggestionKind, SuggestionsModel, WelcomeModel } from './welcome.models.js';

@Resolver()
export class WelcomeResolver {
  constructor(private readonly welcome: WelcomeService) {}

  @Query(() => WelcomeModel, { name: 'welcome', description: 'Is your first-login welcome still to come?' })
  async welcomeState(@CurrentActor() actor: Actor): Promise<WelcomeModel> {
    return { pending: await this.welcome.pending(actor) };
  }

  @Mutation(() => Boolean, { description: 'You finished or skipped the welcome: it does not come back.' })
  finishWelcome(@CurrentActor() actor: Actor): Promise<boolean> {
    return this.welcome.finish(actor);
  }

  @Query(() => SuggestionsModel, { description: 'People to follow and groups to join (first: at most 50 of each, default 6).' })
  async suggestions(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, nullable: true }) first?: number): Promise<SuggestionsModel> {
    const n = first ?? 6;
    const [followingCount, people, groups] = await Promise.all([
      this.welcome.followingCount(actor),
      this.welcome.suggestPeople(actor, n),
      this.welcome.suggestGroups(actor, n),
    ]);
    return {
      show: followingCount < FEW_FOLLOWS,
      followingCount,
      people: people.map((s) => ({ person: s.person, reason: s.reason as PersonSuggestionReason })),
      groups: groups.map((s) => ({
        group: toGroupModel(s.group),
        departmentMembers: s.departmentMembers,
        reason: s.departmentMembers > 0 ? GroupSuggestionReason.POPULAR_IN_DEPARTMENT : GroupSuggestionReason.POPULAR,
      })),
    };
  }

  @Mutation(() => Boolean, { description: 'Do not suggest this person or group again.' })
  dismissSuggestion(
    @CurrentActor() actor: Actor,
    @Args('kind', { type: () => SuggestionKind }) kind: SuggestionKind,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    return this.welcome.dismiss(actor, kind, id);
  }
}
