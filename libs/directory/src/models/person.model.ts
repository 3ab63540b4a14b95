import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
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

  @Field(() => String, { nullable: true })
  jobTitle: string | null;

  @Field(() => EmploymentType)
  employmentType: EmploymentType;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field()
  active: boolean;

  @Field(() => [Role])
  roles: Role[];

  /** Resolved through a DataLoader. */
  departmentId: string | null;
  managerId: string | null;
  email: string;
}
