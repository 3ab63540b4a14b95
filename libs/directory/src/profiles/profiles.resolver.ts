import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound, type GqlContext } from '@plein/core';
import { CurrentActor, PolicyService, type Actor } from '@plein/policy';
import { Visibility, type PersonProfile } from '../entities/person-profile.entity.js';
import { PersonModel } from '../models/person.model.js';
import { PeopleService } from '../people.service.js';
import { UpdateProfileInput } from './dto/update-profile.input.js';
import { ProfileLoader } from './profile.loaders.js';
import { ContactDetailModel, ContactKind, ProfileModel } from './profile.model.js';
import { PersonBarrier } from '../barrier-redaction.js';
import { ProfilesService } from './profiles.service.js';

const EMPTY_PROFILE: ProfileModel = {
  headline: null,
  about: null,
  pronouns: null,
  workingLocation: null,
  workingHours: null,
  skills: [],
  interests: [],
  languages: [],
  experience: [],
  education: [],
  certifications: [],
};

/** Person fields that depend on the viewer (contacts, HR phone) and the person-owned profile. */
@Resolver(() => PersonModel)
export class ProfilesResolver {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly people: PeopleService,
    private readonly policy: PolicyService,
    private readonly loader: ProfileLoader,
    private readonly barrier: PersonBarrier,
  ) {}

  @ResolveField(() => ProfileModel, { description: 'What the person tells about themselves; empty until they fill it in.' })
  async profile(@Parent() person: PersonModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext): Promise<ProfileModel> {
    if (await this.barrier.hides(actor, person.id, ctx)) return EMPTY_PROFILE;
    const row = await ctx.loaders.get(this.loader).load(person.id);
    if (!row) return EMPTY_PROFILE;
    if (row.moderationState && row.moderationState !== 'visible') {
      // Taken down by moderation: the name stays, the self-written parts go. The owner sees why
      // (and, while only hidden, their text); community managers and admins see the text.
      const own = person.id === actor.personId;
      const notice = own ? { moderationState: row.moderationState, moderationReason: row.moderationReason } : {};
      if (row.moderationState === 'removed' || (!own && !this.policy.can(actor, 'moderation.access'))) return { ...EMPTY_PROFILE, ...notice };
      return { ...this.profileOf(row), ...notice };
    }
    return this.profileOf(row);
  }

  private profileOf(row: PersonProfile): ProfileModel {
    return {
      headline: row.headline,
      about: row.about,
      pronouns: row.pronouns,
      workingLocation: row.workingLocation,
      workingHours: row.workingHours,
      skills: row.skills,
      interests: row.interests,
      languages: row.languages,
      experience: row.experience,
      education: row.education,
      certifications: row.certifications,
    };
  }

  @ResolveField(() => [ContactDetailModel], { description: 'Contact details this viewer may see (each has its own visibility).' })
  async contacts(@Parent() person: PersonModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext): Promise<ContactDetailModel[]> {
    if (await this.barrier.hides(actor, person.id, ctx)) return [];
    const row = await ctx.loaders.get(this.loader).load(person.id);
    return (row?.contacts ?? [])
      .filter((c) => this.policy.canSeeDetail(actor, c.visibility, person.id))
      .map((c) => ({ kind: c.kind as ContactKind, value: c.value, visibility: c.visibility }));
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Work phone from HR: shown to payroll colleagues and the person (visibility `employees`).',
  })
  async phone(@Parent() person: PersonModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext): Promise<string | null> {
    if (!this.policy.canSeeDetail(actor, Visibility.EMPLOYEES, person.id) || (await this.barrier.hides(actor, person.id, ctx))) return null;
    return person.phone ?? null;
  }

  @Mutation(() => PersonModel, { description: 'Edits the fields of your own profile that you own. Returns you.' })
  async updateMyProfile(@CurrentActor() actor: Actor, @Args('input') input: UpdateProfileInput): Promise<PersonModel> {
    await this.profiles.updateOwn(actor, input);
    const me = await this.people.findById(actor.personId);
    if (!me) throw notFound('Your profile was not found.');
    return me;
  }
}
