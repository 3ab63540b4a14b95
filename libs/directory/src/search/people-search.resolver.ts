import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { PeopleSearchArgs } from './people-search.args.js';
import { PeopleSearchResult } from './people-search.model.js';
import { PeopleSearchService } from './people-search.service.js';

@Resolver(() => PeopleSearchResult)
export class PeopleSearchResolver {
  constructor(
    private readonly search: PeopleSearchService,
    private readonly policy: PolicyService,
  ) {}

  @Query(() => PeopleSearchResult, {
    description:
      'Find colleagues by name, department, job title, skill or location (prefixes, typos, tussenvoegsels and accents welcome). Only active people.',
  })
  searchPeople(@CurrentActor() actor: Actor, @Args() args: PeopleSearchArgs): PeopleSearchResult {
    this.policy.assert(actor, 'person.read');
    const req = this.search.parse(args);
    // Lazy and memoised: GraphQL's default resolver awaits each property, so only what the client
    // selected runs, and the page and the facets run concurrently.
    const prepared = this.search.prepare(actor, req);
    const result = {
      get edges() {
        return prepared.page().then((c) => c.edges);
      },
      get pageInfo() {
        return prepared.page().then((c) => c.pageInfo);
      },
      get totalCount() {
        return prepared.facets().then((f) => f.totalCount);
      },
      get facets() {
        return prepared.facets().then((f) => f.facets);
      },
    };
    return result as unknown as PeopleSearchResult;
  }
}
