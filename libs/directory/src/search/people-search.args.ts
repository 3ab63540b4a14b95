import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { EmploymentType } from '../entities/person.entity.js';

@ArgsType()
export class PeopleSearchArgs {
  @Field(() => String, { nullable: true, description: 'Name, department, job title, skill or location; empty = browse by family name. At most 200 characters.' })
  query?: string | null;

  @Field(() => [ID], { nullable: true })
  departmentIds?: string[] | null;

  @Field(() => [EmploymentType], { nullable: true })
  employmentTypes?: EmploymentType[] | null;

  @Field(() => String, { nullable: true, description: 'Place of work: each word matches the start of a word of the location ("den haag", "haag", "den h").' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'People with exactly this skill (case and accents ignored).' })
  skill?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 1-100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return people after this cursor.' })
  after?: string | null;
}
