import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource, In } from 'typeorm';
import { PersonProfile } from '../entities/person-profile.entity.js';
import type { UpdateProfileInput } from './dto/update-profile.input.js';
import { validateProfileInput } from './profile.validation.js';

/** The person-owned profile: read in batches for the Person type, written only by its owner. */
@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {}

  findByPersonIds(ids: readonly string[]): Promise<PersonProfile[]> {
    return this.db.getRepository(PersonProfile).findBy({ personId: In([...ids]) });
  }

  /**
   * Applies the given fields to the actor's own profile (the row is created on first edit).
   * Only the columns present in the input are written, so a concurrent edit of other fields survives.
   */
  async updateOwn(actor: Actor, input: UpdateProfileInput): Promise<void> {
    this.policy.assert(actor, 'profile.edit');
    const values = validateProfileInput(input);
    if (Object.keys(values).length === 0) return;
    await this.db.transaction(async (em) => {
      await em.getRepository(PersonProfile).upsert({ ...values, personId: actor.personId }, ['personId']);
      // Moderation removal cleared the old text; what the person writes now is new and shows again
      // (and can be reported again). A profile only hidden pending review stays hidden until decided.
      await em.query(`UPDATE person_profiles SET moderation_state = 'visible', moderation_reason = NULL WHERE person_id = $1 AND moderation_state = 'removed'`, [actor.personId]);
    });
  }
}
