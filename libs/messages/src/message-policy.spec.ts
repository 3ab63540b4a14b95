import { describe, expect, it } from '@jest/globals';
import { MESSAGE_EDIT_WINDOW_MS, PolicyService, type Actor } from '@plein/policy';

const policy = new PolicyService();
const actor = (over: Partial<Actor> = {}): Actor => ({
  personId: '11111111-1111-4111-8111-111111111111',
  uid: 'a',
  displayName: 'A',
  employmentType: 'employee',
  departmentId: null,
  roles: ['member'],
  ...over,
});
const other = '22222222-2222-4222-8222-222222222222';
const now = new Date('2026-11-22T12:00:00Z');
const msg = (authorId: string, ageMs: number, deleted = false) => ({ authorId, createdAt: new Date(now.getTime() - ageMs), deletedAt: deleted ? now : null });

describe('policy: changing a message', () => {
  it.each([
    ['author, just posted', actor(), msg(actor().personId, 0), true, true],
    ['author, at 15 minutes', actor(), msg(actor().personId, MESSAGE_EDIT_WINDOW_MS), true, true],
    ['author, after 15 minutes', actor(), msg(actor().personId, MESSAGE_EDIT_WINDOW_MS + 1000), false, true],
    ['someone else', actor(), msg(other, 0), false, false],
    ['a community manager, someone else’s', actor({ roles: ['member', 'community_manager'] }), msg(other, 0), false, true],
    ['an admin, someone else’s', actor({ roles: ['member', 'admin'] }), msg(other, 0), false, true],
    ['author, already deleted', actor(), msg(actor().personId, 0, true), false, false],
  ])('%s: edit %s, delete %s', (_name, who, message, edit, del) => {
    expect(policy.canChangeMessage(who, 'message.edit', message, now)).toBe(edit);
    expect(policy.canChangeMessage(who, 'message.delete', message, now)).toBe(del);
  });
});
