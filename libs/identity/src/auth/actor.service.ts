import { Injectable } from '@nestjs/common';
import { actorOf, PeopleService } from '@plein/directory';
import type { Actor } from '@plein/policy';
import { TokenService } from './token.service.js';

/** Turns a bearer token into an actor: a valid token of an active person, or nobody. */
@Injectable()
export class ActorService {
  constructor(
    private readonly tokens: TokenService,
    private readonly people: PeopleService,
  ) {}

  async fromToken(token: string | undefined | null): Promise<Actor | null> {
    const personId = await this.tokens.verifyAccessToken(token);
    if (!personId) return null;
    // One primary-key read per request keeps roles current and locks out a leaver at once.
    const person = await this.people.findById(personId);
    return person && person.active ? actorOf(person) : null;
  }
}

export function bearerOf(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : null;
}
