import { Injectable } from '@nestjs/common';
import { byKeys, type LoaderFactory } from '@plein/core';
import type { PersonProfile } from '../entities/person-profile.entity.js';
import { ProfilesService } from './profiles.service.js';

/** personId → the person's profile row (null until they first edit it). */
@Injectable()
export class ProfileLoader implements LoaderFactory<string, PersonProfile | null> {
  constructor(private readonly profiles: ProfilesService) {}
  async load(ids: readonly string[]) {
    return byKeys(ids, await this.profiles.findByPersonIds(ids), (p) => p.personId);
  }
}
