import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, conflict, forbidden, isUuid, notFound } from '@plein/core';
import { PolicyService, type Actor, type GroupAction, type GroupRoleValue } from '@plein/policy';
import { appendLiveEvents, RealtimeService, type LiveEvent } from '@plein/realtime';
import { UploadsService } from '@plein/uploads';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupImagesService, type GroupImageKind, type RenderedImage } from './group-images.service.js';
import { groupNameKey, validateCategory, validateGroupName, validateGroupText, validateKind } from './group-validation.js';
import { factsOf, GroupsService, NO_SUCH_GROUP, type GroupRow, type MembershipRow } from './groups.service.js';
import type { CreateGroupInput, UpdateGroupInput } from './models/group.model.js';

/** Most people one invitation call takes. */
export const INVITE_BATCH_MAX = 50;
/** Most messages pinned in one group. */
export const MAX_PINS = 10;

const NOT_A_MEMBER = 'That person is not a member of this group.';

interface Ctx {
  em: EntityManager;
  group: GroupRow;
  me: MembershipRow | null;
  live: LiveEvent[];
  /** Socket moves to make after commit (never before: a rolled-back change must not move anyone). */
  moves: { personId: string; join: boolean }[];
}

const roomOf = (groupId: string) => `audience:group:${groupId}`;

/**
 * Every write to groups and memberships. Each runs in one transaction that locks the group row
 * (membership changes of one group are serialised, so counts and the last-owner rule hold), asks
 * policy, writes the live events with the transaction, and after commit moves the affected
 * person's sockets into or out of the group's room on every node.
 */
@Injectable()
export class GroupCommands {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: PolicyService,
    private readonly groups: GroupsService,
    private readonly images: GroupImagesService,
    private readonly uploads: UploadsService,
    private readonly realtime: RealtimeService,
  ) {}

  // ---- the frame every command runs in

  private async run<T>(actor: Actor, groupId: string, action: GroupAction | null, deny: string, body: (c: Ctx) => Promise<T>): Promise<T> {
    const moves: Ctx['moves'] = [];
    const result = await this.db.transaction(async (em) => {
      const group = await this.groups.findRow(groupId, em, true);
      const me = group ? await this.groups.membership(group.id, actor.personId, em, true) : null;
      if (!group || !this.policy.canGroup(actor, 'see', factsOf(group), me)) throw notFound(NO_SUCH_GROUP);
      if (action && !this.policy.canGroup(actor, action, factsOf(group), me)) throw forbidden(deny);
      const ctx: Ctx = { em, group, me, live: [], moves };
      const out = await body(ctx);
      await appendLiveEvents(em, ctx.live);
      return out;
    });
    this.groups.forget(actor);
    for (const m of moves) {
      if (m.join) this.realtime.joinUserToRooms(m.personId, [roomOf(groupId)]);
      else this.realtime.removeUserFromRooms(m.personId, [roomOf(groupId)]);
    }
    return result;
  }

  private async setMembership(c: Ctx, personId: string, status: MembershipRow['status'] | null, role: GroupRoleValue, actorId: string): Promise<MembershipRow | null> {
    const before = await this.groups.membership(c.group.id, personId, c.em, true);
    let after: MembershipRow | null = null;
    if (status === null) {
      await c.em.query('DELETE FROM group_memberships WHERE group_id = $1 AND person_id = $2', [c.group.id, personId]);
    } else {
      await c.em.query(
        `INSERT INTO group_memberships (group_id, person_id, role, status, actor_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (group_id, person_id) DO UPDATE SET role = EXCLUDED.role, status = EXCLUDED.status, actor_id = EXCLUDED.actor_id,
           created_at = CASE WHEN group_memberships.status = EXCLUDED.status THEN group_memberships.created_at ELSE now() END`,
        [c.group.id, personId, role, status, actorId],
      );
      after = await this.groups.membership(c.group.id, personId, c.em);
    }
    const wasActive = before?.status === 'active';
    const isActive = after?.status === 'active';
    if (wasActive !== isActive) {
      const [row]: { member_count: number }[] = await c.em.query(
        'UPDATE groups SET member_count = member_count + $2 WHERE id = $1 RETURNING member_count',
        [c.group.id, isActive ? 1 : -1],
      );
      c.group.memberCount = row.member_count;
      c.moves.push({ personId, join: isActive });
    }
    const payload = { groupId: c.group.id, personId, status: after?.status ?? null, role: after?.role ?? null, byId: actorId };
    if (wasActive || isActive) c.live.push({ audience: `group:${c.group.id}`, type: 'group.member.changed', payload });
    // The relay on every node moves the person's sockets in commit order (see RealtimeRelay.moveRooms).
    const moveRooms = wasActive === isActive ? undefined : isActive ? { join: [roomOf(c.group.id)] } : { leave: [roomOf(c.group.id)] };
    c.live.push({ audience: `user:${personId}`, type: 'group.member.changed', payload: moveRooms ? { ...payload, moveRooms } : payload });
    return after;
  }

  // ---- groups

  async create(actor: Actor, input: CreateGroupInput): Promise<GroupRow> {
    this.policy.assert(actor, 'group.create');
    const name = validateGroupName(input.name);
    const description = validateGroupText(input.description, 'description');
    const rules = validateGroupText(input.rules, 'rules');
    const category = validateCategory(input.category);
    const kind = validateKind(input.kind);
    const payrollOnly = input.payrollOnly ?? false;
    if (typeof payrollOnly !== 'boolean') throw badInput('payrollOnly must be true or false.', { field: 'payrollOnly', messageKey: 'input.unknownChoice' });
    if (payrollOnly && !this.policy.isPayroll(actor)) throw forbidden('Only payroll staff can start a payroll-only group.');
    const avatar = await this.renderUpload(actor, input.avatarUploadId, 'avatar');
    const cover = await this.renderUpload(actor, input.coverUploadId, 'cover');
    const id = await this.db.transaction(async (em) => {
      await this.assertNameFree(em, name, null);
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO groups (name, name_key, description, rules, category, kind, payroll_only, created_by, member_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) RETURNING id`,
        [name, groupNameKey(name), description, rules, category, kind, payrollOnly, actor.personId],
      ).catch((err: unknown) => this.rethrowDuplicate(err, name));
      await em.query(`INSERT INTO group_memberships (group_id, person_id, role, status, actor_id) VALUES ($1, $2, 'owner', 'active', $2)`, [row.id, actor.personId]);
      if (avatar) await em.query('UPDATE groups SET avatar_image_id = $2 WHERE id = $1', [row.id, await this.images.replace(em, row.id, avatar, null)]);
      if (cover) await em.query('UPDATE groups SET cover_image_id = $2 WHERE id = $1', [row.id, await this.images.replace(em, row.id, cover, null)]);
      const payload = { groupId: row.id, personId: actor.personId, status: 'active', role: 'owner', byId: actor.personId };
      await appendLiveEvents(em, [{ audience: `user:${actor.personId}`, type: 'group.member.changed', payload: { ...payload, moveRooms: { join: [roomOf(row.id)] } } }]);
      return row.id;
    });
    await this.discardUploads(input.avatarUploadId, input.coverUploadId);
    this.groups.forget(actor);
    this.realtime.joinUserToRooms(actor.personId, [roomOf(id)]);
    return (await this.groups.findRow(id))!;
  }

  async update(actor: Actor, groupId: string, input: UpdateGroupInput): Promise<GroupRow> {
    const set: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== null) set.name = validateGroupName(input.name);
    if (input.description !== undefined && input.description !== null) set.description = validateGroupText(input.description, 'description');
    if (input.rules !== undefined && input.rules !== null) set.rules = validateGroupText(input.rules, 'rules');
    if (input.category !== undefined && input.category !== null) set.category = validateCategory(input.category);
    if (input.kind !== undefined && input.kind !== null) set.kind = validateKind(input.kind);
    if (input.payrollOnly !== undefined && input.payrollOnly !== null) set.payroll_only = !!input.payrollOnly;
    if (input.avatarUploadId && input.removeAvatar) throw badInput('Give a new avatar or remove it, not both.', { field: 'removeAvatar', messageKey: 'input.notBoth' });
    if (input.coverUploadId && input.removeCover) throw badInput('Give a new cover or remove it, not both.', { field: 'removeCover', messageKey: 'input.notBoth' });
    const avatar = await this.renderUpload(actor, input.avatarUploadId, 'avatar');
    const cover = await this.renderUpload(actor, input.coverUploadId, 'cover');
    if (!Object.keys(set).length && !avatar && !cover && !input.removeAvatar && !input.removeCover) {
      throw badInput('Nothing to change: give at least one field.', { field: 'input' });
    }
    await this.run(actor, groupId, 'edit', 'Only the group\'s admins can edit it.', async (c) => {
      if (set.payroll_only === true && !this.policy.isPayroll(actor)) throw forbidden('Only payroll staff can make a group payroll-only.');
      if (typeof set.name === 'string') {
        await this.assertNameFree(c.em, set.name, c.group.id);
        set.name_key = groupNameKey(set.name);
      }
      if (avatar) set.avatar_image_id = await this.images.replace(c.em, c.group.id, avatar, c.group.avatarImageId);
      if (cover) set.cover_image_id = await this.images.replace(c.em, c.group.id, cover, c.group.coverImageId);
      if (input.removeAvatar) {
        await this.images.remove(c.em, c.group.id, c.group.avatarImageId);
        set.avatar_image_id = null;
      }
      if (input.removeCover) {
        await this.images.remove(c.em, c.group.id, c.group.coverImageId);
        set.cover_image_id = null;
      }
      const cols = Object.keys(set);
      await c.em
        .query(`UPDATE groups SET ${cols.map((k, i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [c.group.id, ...cols.map((k) => set[k])])
        .catch((err: unknown) => this.rethrowDuplicate(err, String(set.name)));
      if (set.payroll_only === true && !c.group.payrollOnly) {
        // Contractors and freelancers leave a group that becomes payroll-only (and their invitations and requests go).
        const out: { person_id: string }[] = await c.em.query(
          `SELECT gm.person_id FROM group_memberships gm JOIN people p ON p.id = gm.person_id
            WHERE gm.group_id = $1 AND gm.status <> 'banned' AND p.employment_type <> 'employee'`,
          [c.group.id],
        );
        for (const o of out) await this.setMembership(c, o.person_id, null, 'member', actor.personId);
      }
      if (set.kind === 'secret' && c.group.kind !== 'secret') {
        // Requests to join a group that becomes secret are dropped: the requesters can no longer see it.
        const pending: { person_id: string }[] = await c.em.query(`SELECT person_id FROM group_memberships WHERE group_id = $1 AND status = 'requested'`, [c.group.id]);
        for (const r of pending) await this.setMembership(c, r.person_id, null, 'member', actor.personId);
      }
      c.live.push({ audience: `group:${c.group.id}`, type: 'group.updated', payload: { groupId: c.group.id } });
    });
    await this.discardUploads(input.avatarUploadId, input.coverUploadId);
    return (await this.groups.findRow(groupId))!;
  }

  async archive(actor: Actor, groupId: string, archived: boolean): Promise<GroupRow> {
    await this.run(actor, groupId, 'archive', 'Only the group\'s admins can archive it.', async (c) => {
      if (!!c.group.archivedAt === archived) throw conflict(archived ? 'This group is already archived.' : 'This group is not archived.');
      await c.em.query(`UPDATE groups SET archived_at = ${archived ? 'now()' : 'NULL'}, updated_at = now() WHERE id = $1`, [c.group.id]);
      c.live.push({ audience: `group:${c.group.id}`, type: 'group.updated', payload: { groupId: c.group.id, archived } });
    });
    return (await this.groups.findRow(groupId))!;
  }

  /** Soft delete: the group disappears everywhere; its name becomes free. */
  async delete(actor: Actor, groupId: string): Promise<string> {
    await this.run(actor, groupId, 'delete', 'Only the group\'s admins can delete it.', async (c) => {
      await c.em.query('UPDATE groups SET deleted_at = now(), updated_at = now() WHERE id = $1', [c.group.id]);
      c.live.push({ audience: `group:${c.group.id}`, type: 'group.deleted', payload: { groupId: c.group.id } });
    });
    // Sockets keep the dead room until they reconnect: harmless, nothing can be posted to it any more.
    return groupId;
  }

  // ---- joining

  /** Open group: join at once. Closed: ask to join. An invitation (any kind): accept it. */
  async join(actor: Actor, groupId: string): Promise<MembershipRow> {
    return this.run(actor, groupId, null, '', async (c) => {
      const facts = factsOf(c.group);
      const status = c.me?.status;
      if (status === 'active') throw conflict('You are already a member of this group.');
      if (status === 'banned') throw forbidden('You were banned from this group.');
      if (status === 'requested') throw conflict('You already asked to join this group; its admins will decide.');
      if (!this.policy.canBelongToGroup(actor, facts)) throw forbidden('This group is for payroll staff only.');
      if (facts.archived) throw forbidden('This group is archived: nobody can join it.');
      if (facts.kind !== 'open' && !(await this.policy.canShareGroup(actor.personId, c.group.id))) {
        throw forbidden('An information barrier stops you from joining this group: some of its members are on the other side.');
      }
      if (this.policy.canGroup(actor, 'join', facts, c.me)) {
        return (await this.setMembership(c, actor.personId, 'active', 'member', actor.personId))!;
      }
      if (this.policy.canGroup(actor, 'request', facts, c.me)) {
        const row = (await this.setMembership(c, actor.personId, 'requested', 'member', actor.personId))!;
        for (const adminId of await this.groups.adminIds(c.group.id, c.em)) {
          c.live.push({ audience: `user:${adminId}`, type: 'group.joinRequested', payload: { groupId: c.group.id, personId: actor.personId } });
        }
        return row;
      }
      throw forbidden('You cannot join this group.');
    });
  }

  async withdrawRequest(actor: Actor, groupId: string): Promise<boolean> {
    return this.run(actor, groupId, null, '', async (c) => {
      if (c.me?.status !== 'requested') throw notFound('You have no pending request to join this group.');
      await this.setMembership(c, actor.personId, null, 'member', actor.personId);
      return true;
    });
  }

  async respondToInvitation(actor: Actor, groupId: string, accept: boolean): Promise<MembershipRow | null> {
    if (accept) {
      const facts = await this.groups.facts(actor, groupId);
      if (facts?.membership?.status !== 'invited') throw notFound('You have no invitation to this group.');
      return this.join(actor, groupId);
    }
    return this.run(actor, groupId, null, '', async (c) => {
      if (c.me?.status !== 'invited') throw notFound('You have no invitation to this group.');
      await this.setMembership(c, actor.personId, null, 'member', actor.personId);
      return null;
    });
  }

  async invite(actor: Actor, groupId: string, personIds: readonly string[]): Promise<MembershipRow[]> {
    const ids = [...new Set(personIds)];
    if (!ids.length) throw badInput('Choose at least one person to invite.', { field: 'personIds', messageKey: 'input.chooseAtLeastOne' });
    if (ids.length > INVITE_BATCH_MAX) throw badInput(`Invite at most ${INVITE_BATCH_MAX} people at a time.`, { field: 'personIds', max: INVITE_BATCH_MAX, messageKey: 'input.tooMany' });
    if (!ids.every(isUuid)) throw badInput('personIds must be ids of people.', { field: 'personIds', messageKey: 'input.invalidId' });
    return this.run(actor, groupId, 'invite', 'You cannot invite people to this group.', async (c) => {
      const people: { id: string; display_name: string; employment_type: Actor['employmentType'] }[] = await c.em.query(
        'SELECT id, display_name, employment_type FROM people WHERE id = ANY($1::uuid[]) AND active',
        [ids],
      );
      if (people.length !== ids.length) throw badInput('Some of these people do not exist or have left the company.', { field: 'personIds' });
      const existing: { person_id: string; status: string }[] = await c.em.query(
        'SELECT person_id, status FROM group_memberships WHERE group_id = $1 AND person_id = ANY($2::uuid[])',
        [c.group.id, ids],
      );
      const statusOf = new Map(existing.map((e) => [e.person_id, e.status]));
      // Check everyone first: a refused invitation changes nothing for the others either.
      for (const p of people) {
        const s = statusOf.get(p.id);
        if (s === 'active') throw conflict(`${p.display_name} is already a member of this group.`);
        if (s === 'invited') throw conflict(`${p.display_name} is already invited to this group.`);
        if (s === 'requested') throw conflict(`${p.display_name} has asked to join: approve the request instead.`);
        if (s === 'banned') throw conflict(`${p.display_name} is banned from this group; lift the ban first.`);
        if (!this.policy.canBelongToGroup({ employmentType: p.employment_type }, factsOf(c.group))) {
          throw forbidden(`${p.display_name} cannot be invited: this group is for payroll staff only.`);
        }
        const barred = !(await this.policy.canInteractWith(actor, p.id)) || (factsOf(c.group).kind !== 'open' && !(await this.policy.canShareGroup(p.id, c.group.id)));
        if (barred) throw forbidden(`${p.display_name} cannot be invited: an information barrier is in the way.`);
      }
      const out: MembershipRow[] = [];
      for (const p of people) {
        out.push((await this.setMembership(c, p.id, 'invited', 'member', actor.personId))!);
        c.live.push({ audience: `user:${p.id}`, type: 'group.invited', payload: { groupId: c.group.id, byId: actor.personId } });
      }
      return out;
    });
  }

  // ---- moderation

  async decideRequest(actor: Actor, groupId: string, personId: string, approve: boolean): Promise<MembershipRow | null> {
    if (!isUuid(personId)) throw badInput('personId must be the id of a person.', { field: 'personId', messageKey: 'input.invalidId' });
    return this.run(actor, groupId, 'moderate', 'Only the group\'s admins decide on requests to join.', async (c) => {
      const row = await this.groups.membership(c.group.id, personId, c.em, true);
      if (row?.status !== 'requested') throw notFound('This person has no pending request to join (it may have been withdrawn or decided already).');
      if (!approve) return this.setMembership(c, personId, null, 'member', actor.personId);
      const [p]: { employment_type: Actor['employmentType'] }[] = await c.em.query('SELECT employment_type FROM people WHERE id = $1 AND active', [personId]);
      if (!p) throw notFound('That person has left the company.');
      if (!this.policy.canBelongToGroup({ employmentType: p.employment_type }, factsOf(c.group))) throw forbidden('This group is for payroll staff only.');
      if (factsOf(c.group).kind !== 'open' && !(await this.policy.canShareGroup(personId, c.group.id))) {
        throw forbidden('An information barrier stops this person from joining: some members are on the other side.');
      }
      return this.setMembership(c, personId, 'active', 'member', actor.personId);
    });
  }

  /** Removes a member (or withdraws an invitation); with ban, they cannot come back until unbanned. */
  async remove(actor: Actor, groupId: string, personId: string, ban: boolean): Promise<MembershipRow | null> {
    if (!isUuid(personId)) throw badInput('personId must be the id of a person.', { field: 'personId', messageKey: 'input.invalidId' });
    return this.run(actor, groupId, 'moderate', 'Only the group\'s admins can remove members.', async (c) => {
      if (personId === actor.personId) throw badInput('To go, leave the group instead.', { field: 'personId' });
      const row = await this.groups.membership(c.group.id, personId, c.em, true);
      if (row?.role === 'owner' && row.status === 'active') throw forbidden('The owner cannot be removed.');
      if (row?.role === 'admin' && row.status === 'active' && c.me?.role !== 'owner' && !this.policy.can(actor, 'moderation.access')) {
        throw forbidden('Only the owner can remove an admin.');
      }
      if (ban) {
        if (row?.status === 'banned') throw conflict('This person is already banned from this group.');
        const [exists]: unknown[] = await c.em.query('SELECT 1 FROM people WHERE id = $1', [personId]);
        if (!exists) throw notFound('No such person.');
        return this.setMembership(c, personId, 'banned', 'member', actor.personId);
      }
      if (!row || row.status === 'banned' || row.status === 'requested') throw notFound(NOT_A_MEMBER);
      return this.setMembership(c, personId, null, 'member', actor.personId);
    });
  }

  async unban(actor: Actor, groupId: string, personId: string): Promise<boolean> {
    if (!isUuid(personId)) throw badInput('personId must be the id of a person.', { field: 'personId', messageKey: 'input.invalidId' });
    return this.run(actor, groupId, 'moderate', 'Only the group\'s admins can lift a ban.', async (c) => {
      const row = await this.groups.membership(c.group.id, personId, c.em, true);
      if (row?.status !== 'banned') throw notFound('This person is not banned from this group.');
      await this.setMembership(c, personId, null, 'member', actor.personId);
      return true;
    });
  }

  async setRole(actor: Actor, groupId: string, personId: string, role: GroupRoleValue): Promise<MembershipRow> {
    if (!isUuid(personId)) throw badInput('personId must be the id of a person.', { field: 'personId', messageKey: 'input.invalidId' });
    if (role !== 'admin' && role !== 'member') throw badInput('Make someone ADMIN or MEMBER; to hand over the group, transfer ownership.', { field: 'role' });
    return this.run(actor, groupId, 'moderate', 'Only the group\'s admins can change roles.', async (c) => {
      const row = await this.groups.membership(c.group.id, personId, c.em, true);
      if (row?.status !== 'active') throw notFound(NOT_A_MEMBER);
      if (row.role === 'owner') throw forbidden('The owner\'s role changes only by transferring ownership.');
      if (row.role === 'admin' && role === 'member' && c.me?.role !== 'owner' && personId !== actor.personId) throw forbidden('Only the owner can demote an admin.');
      if (row.role === role) throw conflict(`This person is already ${role === 'admin' ? 'an admin' : 'a member'}.`);
      return (await this.setMembership(c, personId, 'active', role, actor.personId))!;
    });
  }

  async leave(actor: Actor, groupId: string): Promise<boolean> {
    return this.run(actor, groupId, null, '', async (c) => {
      if (c.me?.status !== 'active') throw notFound('You are not a member of this group.');
      if (c.me.role === 'owner') {
        throw conflict(c.group.memberCount > 1
          ? 'You own this group: transfer ownership to another member before you leave.'
          : 'You are the only member and the owner: delete the group instead of leaving it.');
      }
      await this.setMembership(c, actor.personId, null, 'member', actor.personId);
      return true;
    });
  }

  /** The new owner must be an active member; the old owner stays on as an admin. */
  async transferOwnership(actor: Actor, groupId: string, personId: string): Promise<MembershipRow> {
    if (!isUuid(personId)) throw badInput('personId must be the id of a person.', { field: 'personId', messageKey: 'input.invalidId' });
    return this.run(actor, groupId, 'transfer', 'Only the owner can hand the group over.', async (c) => {
      if (personId === actor.personId) throw badInput('You already own this group.', { field: 'personId', messageKey: 'input.notYourself' });
      const row = await this.groups.membership(c.group.id, personId, c.em, true);
      if (row?.status !== 'active') throw badInput('Ownership can only go to a member of the group.', { field: 'personId' });
      await this.setMembership(c, actor.personId, 'active', 'admin', actor.personId);
      return (await this.setMembership(c, personId, 'active', 'owner', actor.personId))!;
    });
  }

  // ---- pins and announcements

  async pin(actor: Actor, groupId: string, messageId: string, pinned: boolean): Promise<boolean> {
    return this.run(actor, groupId, 'moderate', 'Only the group\'s admins can pin messages.', async (c) => {
      await this.groupMessage(c, messageId);
      if (!pinned) {
        const [, n]: [unknown, number] = await c.em.query('DELETE FROM group_pins WHERE group_id = $1 AND message_id = $2', [c.group.id, messageId]);
        if (!n) throw notFound('That message is not pinned.');
      } else {
        const [count]: { n: string }[] = await c.em.query('SELECT count(*) AS n FROM group_pins WHERE group_id = $1', [c.group.id]);
        const inserted: unknown[] = await c.em.query(
          'INSERT INTO group_pins (group_id, message_id, pinned_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING message_id',
          [c.group.id, messageId, actor.personId],
        );
        if (!inserted.length) throw conflict('That message is already pinned.');
        if (Number(count.n) >= MAX_PINS) throw conflict(`A group can pin at most ${MAX_PINS} messages; unpin one first.`);
      }
      c.live.push({ audience: `group:${c.group.id}`, type: 'group.pins.changed', payload: { groupId: c.group.id, messageId, pinned } });
      return pinned;
    });
  }

  /** Marks a group message as an announcement: it then shows in every member's home feed. */
  async announce(actor: Actor, messageId: string, announced: boolean): Promise<string> {
    if (!isUuid(messageId)) throw notFound('That message does not exist, or you cannot see it.');
    const [m]: { audience: string }[] = await this.db.query('SELECT audience FROM messages WHERE id = $1 AND deleted_at IS NULL', [messageId]);
    const groupId = m?.audience.startsWith('group:') ? m.audience.slice('group:'.length) : null;
    if (!groupId) throw notFound('That message does not exist, or is not a group message you can see.');
    return this.run(actor, groupId, 'moderate', 'Only the group\'s admins can make announcements.', async (c) => {
      await this.groupMessage(c, messageId);
      if (announced) {
        const ins: unknown[] = await c.em.query(
          'INSERT INTO group_announcements (message_id, group_id, announced_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING message_id',
          [messageId, c.group.id, actor.personId],
        );
        if (!ins.length) throw conflict('That message is already an announcement.');
      } else {
        const [, n]: [unknown, number] = await c.em.query('DELETE FROM group_announcements WHERE message_id = $1', [messageId]);
        if (!n) throw notFound('That message is not an announcement.');
      }
      c.live.push({ audience: `group:${c.group.id}`, type: 'group.announcement.changed', payload: { groupId: c.group.id, messageId, announced } });
      return messageId;
    });
  }

  private async groupMessage(c: Ctx, messageId: string): Promise<void> {
    const [m]: unknown[] = isUuid(messageId)
      ? await c.em.query('SELECT 1 FROM messages WHERE id = $1 AND audience = $2 AND deleted_at IS NULL AND root_id IS NULL', [messageId, `group:${c.group.id}`])
      : [];
    if (!m) throw notFound('That message does not exist in this group (replies cannot be pinned or announced).');
  }

  // ---- helpers

  private async assertNameFree(em: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const [taken]: unknown[] = await em.query('SELECT 1 FROM groups WHERE name_key = $1 AND deleted_at IS NULL AND id IS DISTINCT FROM $2', [groupNameKey(name), exceptId]);
    if (taken) throw conflict(`A group named "${name}" already exists. Choose another name.`);
  }

  private rethrowDuplicate(err: unknown, name: string): never {
    if (err && typeof err === 'object' && (err as { code?: string }).code === '23505') throw conflict(`A group named "${name}" already exists. Choose another name.`);
    throw err;
  }

  private async renderUpload(actor: Actor, uploadId: string | null | undefined, kind: GroupImageKind): Promise<RenderedImage | null> {
    if (!uploadId) return null;
    const upload = await this.uploads.get(actor, uploadId);
    return this.images.render(upload.bytes, kind);
  }

  private async discardUploads(...ids: (string | null | undefined)[]): Promise<void> {
    for (const id of ids) if (id) await this.uploads.discard(id);
  }
}
