import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ScimToken', { description: 'A bearer token a provisioning client (Entra ID, Okta, an HR suite) uses for /scim/v2.' })
export class ScimTokenModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'The last four characters of the secret, to tell tokens apart.' })
  hint: string;

  @Field(() => ID, { nullable: true, description: 'The admin who made it.' })
  createdById: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Last request with this token (updated at most once a minute).' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType('ScimTokenCreated')
export class ScimTokenCreatedModel {
  @Field(() => ScimTokenModel)
  token: ScimTokenModel;

  @Field({ description: 'The secret to configure in the client: shown only now, Plein keeps only its hash.' })
  secret: string;
}
