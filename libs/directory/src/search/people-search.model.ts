import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@plein/core';
import { EmploymentType } from '../entities/person.entity.js';
import { PersonModel } from '../models/person.model.js';

@ObjectType('DepartmentFacet', { description: 'How many people match in one department.' })
export class DepartmentFacet {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('EmploymentTypeFacet', { description: 'How many people match with one employment type.' })
export class EmploymentTypeFacet {
  @Field(() => EmploymentType)
  employmentType: EmploymentType;

  @Field(() => Int)
  count: number;
}

@ObjectType('PeopleSearchFacets', {
  description: 'Counts for the current query. Each facet ignores its own filter, so the other choices stay visible.',
})
export class PeopleSearchFacets {
  @Field(() => [DepartmentFacet], { description: 'Largest first; people without a department are not counted here.' })
  departments: DepartmentFacet[];

  @Field(() => [EmploymentTypeFacet])
  employmentTypes: EmploymentTypeFacet[];
}

const PersonSearchConnection = ConnectionType(PersonModel, 'PersonSearch');

@ObjectType('PeopleSearchResult', { description: 'A page of people, best match first (browse: by family name), with facets.' })
export class PeopleSearchResult extends PersonSearchConnection {
  @Field(() => Int, { description: 'People matching the query and every filter.' })
  totalCount: number;

  @Field(() => PeopleSearchFacets)
  facets: PeopleSearchFacets;
}
