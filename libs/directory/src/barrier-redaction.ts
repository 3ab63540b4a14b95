import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GqlContext, LoaderFactory } from '@plein/core';
import { PolicyService, type Actor } from '@plein/policy';
import { DataSource } from 'typeorm';

/**
 * Information barriers on people, at the one place a Person's details resolve. Across a barrier a
 * person shows their name and nothing more: every other field (job title, email, location, roles,
 * phone, department, manager, direct reports, photo, profile, contacts, custom fields, groups) asks
 * `hides` before it answers. The check sits on the fields, not on the queries that find people, so
 * a Person reached any way (`person(id)`, a department's people, direct reports, a group's members,
 * followers, following, an author, a mention) obeys it, and a new place cannot forget it.
 *
 * Batched: one query per request for all the people a response shows (policy's barrier predicate
 * over the ids), and none for people a list already filtered by the same predicate (a feed's
 * authors: `primeReadable`).
 */
@Injectable()
export class PersonBarrier {
  private readonly readable: LoaderFactory<string, boolean>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
  ) {
    this.readable = { load: (keys) => this.load(keys) };
  }

  /** Does an information barrier hide this person's details from the actor? Never for oneself. */
  async hides(actor: Actor, personId: string, ctx: GqlContext): Promise<boolean> {
    if (personId === actor.personId) return false;
    return !(await ctx.loaders.get(this.readable).load(`${actor.personId}:${personId}`));
  }

  /** A list already filtered by the barrier predicate found this person readable: no second look. */
  primeReadable(ctx: GqlContext, actor: Actor, personId: string): void {
    ctx.loaders.get(this.readable).prime(`${actor.personId}:${personId}`, true);
  }

  /** Keys `${readerId}:${personId}`; one statement per reader (one per request in practice). */
  private async load(keys: readonly string[]): Promise<boolean[]> {
    const byReader = new Map<string, string[]>();
    for (const k of keys) {
      const [reader, person] = k.split(':');
      byReader.set(reader, [...(byReader.get(reader) ?? []), person]);
    }
    const ok = new Set<string>();
    for (const [reader, people] of byReader) {
      const pred = this.policy.barrierPredicate({ personId: reader }, 'x.id', 2);
      const rows: { id: string }[] = await this.db.query(
        `SELECT x.id FROM unnest($1::uuid[]) AS x(id) WHERE ${pred.sql}`,
        [[...new Set(people)], ...pred.params],
      );
      for (const r of rows) ok.add(`${reader}:${r.id}`);
    }
    return keys.map((k) => ok.has(k));
  }
}
