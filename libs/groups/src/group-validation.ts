import { badInput, CONTROL_IN_TEXT } from '@plein/core';
import { GroupCategory, GroupKind } from './models/group.model.js';

export const GROUP_NAME_MIN = 3;
export const GROUP_NAME_MAX = 80;
export const GROUP_DESCRIPTION_MAX = 2000;
export const GROUP_RULES_MAX = 5000;

// Control characters other than newline and tab have no business in a name or a text.
const CONTROL = CONTROL_IN_TEXT;

/** A group name: trimmed, inner whitespace collapsed, 3-80 characters, one line. */
export function validateGroupName(value: unknown): string {
  if (typeof value !== 'string') throw badInput('Give the group a name.', { field: 'name', messageKey: 'input.required' });
  const name = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (CONTROL.test(name)) throw badInput('The name contains characters that cannot be shown.', { field: 'name', messageKey: 'input.unstorableCharacter' });
  if (name.length < GROUP_NAME_MIN || name.length > GROUP_NAME_MAX) {
    throw badInput(`A group name is ${GROUP_NAME_MIN} to ${GROUP_NAME_MAX} characters long.`, { field: 'name', min: GROUP_NAME_MIN, max: GROUP_NAME_MAX, messageKey: 'input.length' });
  }
  return name;
}

/** What makes two names "the same": case and spacing ignored. */
export function groupNameKey(name: string): string {
  return name.toLowerCase().slice(0, GROUP_NAME_MAX);
}

export function validateGroupText(value: unknown, field: 'description' | 'rules'): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw badInput(`The ${field} must be text.`, { field, messageKey: 'input.notText' });
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (CONTROL.test(text)) throw badInput(`The ${field} contains characters that cannot be shown.`, { field, messageKey: 'input.unstorableCharacter' });
  const max = field === 'description' ? GROUP_DESCRIPTION_MAX : GROUP_RULES_MAX;
  if (text.length > max) throw badInput(`The ${field} can be at most ${max} characters (it has ${text.length}).`, { field, max: max, messageKey: 'input.tooLong' });
  return text;
}

export function validateCategory(value: unknown): GroupCategory {
  if (value === undefined || value === null) return GroupCategory.GENERAL;
  if (!Object.values(GroupCategory).includes(value as GroupCategory)) {
    throw badInput(`Unknown category. Choose one of: ${Object.values(GroupCategory).join(', ')}.`, { field: 'category', messageKey: 'input.unknownChoice' });
  }
  return value as GroupCategory;
}

export function validateKind(value: unknown): GroupKind {
  if (!Object.values(GroupKind).includes(value as GroupKind)) {
    throw badInput('Choose whether the group is open, closed or secret.', { field: 'kind', messageKey: 'input.unknownChoice' });
  }
  return value as GroupKind;
}

