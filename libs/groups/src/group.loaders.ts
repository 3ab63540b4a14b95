import { Injectable } from '@nestjs/common';
import type { LoaderFactory } from '@plein/core';
import { GroupsService, type GroupRow, type MembershipRow } from './groups.service.js';

/**
 * "My membership in this group" for a whole page of groups in one query. Keys are
 * `${personId}:${groupId}` because one factory serves every request.
 */
@Injectable()
export class GroupMembershipLoader implements LoaderFactory<string, MembershipRow | null> {
  constructor(private readonly groups: GroupsService) {}
  async load(keys: readonly string[]) {
    const byPerson = new Map<string, string[]>();
    for (const k of keys) {
      const [personId, groupId] = k.split(':');
      byPerson.set(personId, [...(byPerson.get(personId) ?? []), groupId]);
    }
    const found = new Map<string, MembershipRow>();
    for (const [personId, ids] of byPerson) {
      for (const m of await this.groups.membershipsOf(personId, ids)) found.set(`${m.personId}:${m.groupId}`, m);
    }
    return keys.map((k) => found.get(k) ?? null);
  }
}

/** Is this message a group announcement? One query per page of messages. */
@Injectable()
export class AnnouncementLoader implements LoaderFactory<string, boolean> {
  constructor(private readonly groups: GroupsService) {}
  async load(ids: readonly string[]) {
    const set = await this.groups.announced(ids);
    return ids.map((id) => set.has(id));
  }
}

/** Groups by id (deleted ones left out), one query per page of messages that name their group. */
@Injectable()
export class GroupRowLoader implements LoaderFactory<string, GroupRow | null> {
  constructor(private readonly groups: GroupsService) {}
  async load(ids: readonly string[]) {
    const rows = new Map((await this.groups.rowsByIds(ids)).map((g) => [g.id, g]));
    return ids.map((id) => rows.get(id) ?? null);
  }
}
