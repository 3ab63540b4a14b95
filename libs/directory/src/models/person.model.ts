import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@plein/core';
import { EmploymentType, Role } from '../entities/person.entity.js';

registerEnumType(EmploymentType, { name: 'EmploymentType', description: 'employee (payroll), contractor (seconded external), freelancer' });
registerEnumType(Role, { name: 'Role' });

@ObjectType('Department')
export class DepartmentModel {
  @Field(() => ID)
  id: string;

  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => ID, { nullable: true })
  parentId: string | null;
}

@ObjectType('Person')
export class PersonModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'The login name (LDAP uid).' })
  uid: string | null;

  @Field()
  displayName: string;

  @Field()
  givenName: string;

  @Field(() => String, { nullable: true, description: 'Dutch tussenvoegsel, e.g. "van der".' })
  familyNamePrefix: string | null;

  @Field()
  familyName: string;

  /** jobTitle, location, roles and email resolve per viewer (PeopleResolver): blank across an information barrier. */
  jobTitle: string | null;

  @Field(() => EmploymentType)
  employmentType: EmploymentType;

  location: string | null;

  @Field()
  active: boolean;

  roles: Role[];

  email: string;

  /** Resolved through DataLoaders (department, manager) or per viewer (phone: see ProfilesResolver). */
  departmentId: string | null;
  managerId: string | null;
  phone?: string | null;
}

/** A page of people (department members, followers, following), keyset-paginated. */
export const PersonConnection = ConnectionType(PersonModel, 'Person');
