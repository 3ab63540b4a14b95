import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, type Actor } from '@plein/policy';
import { ScimTokenCreatedModel, ScimTokenModel } from './scim-token.model.js';
import { ScimTokensService } from './scim-tokens.service.js';

/** Token management for SCIM provisioning; admins only (policy 'directory.scim.administer'). */
@Resolver(() => ScimTokenModel)
export class ScimTokensResolver {
  constructor(private readonly tokens: ScimTokensService) {}

  @Query(() => [ScimTokenModel], { description: 'SCIM provisioning tokens, newest first, revoked ones included. Admins only.' })
  scimTokens(@CurrentActor() actor: Actor): Promise<ScimTokenModel[]> {
    return this.tokens.list(actor);
  }

  @Mutation(() => ScimTokenCreatedModel, { description: 'Makes a SCIM bearer token. The secret is returned once. Admins only.' })
  createScimToken(@CurrentActor() actor: Actor, @Args('name') name: string): Promise<ScimTokenCreatedModel> {
    return this.tokens.create(actor, name);
  }

  @Mutation(() => ScimTokenModel, { description: 'Revokes a SCIM token at once. Admins only.' })
  revokeScimToken(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ScimTokenModel> {
    return this.tokens.revoke(actor, id);
  }
}
