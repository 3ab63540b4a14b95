import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import type { Person } from '../entities/person.entity.js';
import { PeopleSearchArgs } from './people-search.args.js';
import { PeopleSearchResult } from './people-search.model.js';
import { PeopleSearchService, type PeopleSearchFacetResult } from './people-search.service.js';

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
    // Lazy and memoised: the page and the facets are two queries that run concurrently, and only
    // when the client selected them (GraphQL's default resolver awaits each property).
    let page: ReturnType<PeopleSearchService['page']> | undefined;
    let facets: Promise<PeopleSearchFacetResult> | undefined;
    const pageOnce = () => (page ??= this.search.page(actor, req));
    const facetsOnce = () => (facets ??= this.search.facets(actor, req));
    const result = {
      get edges() {
        return pageOnce().then((c) => c.edges);
      },
      get pageInfo() {
        return pageOnce().then((c) => c.pageInfo);
      },
      get totalCount() {
        return facetsOnce().then((f) => f.totalCount);
      },
      get facets() {
        return facetsOnce().then((f) => f.facets);
      },
    };
    return result as unknown as PeopleSearchResult & { edges: { node: Person }[] };
  }
}
