import { badInput } from '@plein/core';
import type { PollResultsVisibilityValue } from './entities/poll.entity.js';

export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;
export const POLL_OPTION_MAX = 200;
/** A poll stays open at least this long, and at most POLL_MAX_DAYS. */
export const POLL_MIN_MINUTES = 5;
export const POLL_MAX_DAYS = 90;

export interface PollSpec {
  options: string[];
  multipleChoice: boolean;
  anonymous: boolean;
  resultsVisibility: PollResultsVisibilityValue;
  closesAt: Date;
}

const RESULTS: readonly PollResultsVisibilityValue[] = ['after_vote', 'after_close'];

/**
 * The rules of a new poll, with codes (BAD_USER_INPUT, a `field` under `poll.` and a messageKey the
 * web app translates): 2-10 distinct options of 1-200 characters, a closing time between 5 minutes
 * and 90 days from now.
 */
export function validatePoll(raw: { options?: unknown; multipleChoice?: unknown; anonymous?: unknown; resultsVisibility?: unknown; closesAt?: unknown }, now = new Date()): PollSpec {
  if (!Array.isArray(raw.options)) throw badInput('A poll needs options.', { field: 'poll.options', min: POLL_MIN_OPTIONS, max: POLL_MAX_OPTIONS, messageKey: 'poll.optionCount' });
  const options = raw.options.map((o) => (typeof o === 'string' ? o.trim().replace(/\s+/g, ' ') : ''));
  if (options.length < POLL_MIN_OPTIONS || options.length > POLL_MAX_OPTIONS) {
    throw badInput(`A poll has ${POLL_MIN_OPTIONS} to ${POLL_MAX_OPTIONS} options.`, { field: 'poll.options', min: POLL_MIN_OPTIONS, max: POLL_MAX_OPTIONS, messageKey: 'poll.optionCount' });
  }
  options.forEach((o, i) => {
    if (!o) throw badInput(`Option ${i + 1} is empty.`, { field: `poll.options.${i}`, messageKey: 'poll.optionEmpty' });
    if ([...o].length > POLL_OPTION_MAX) throw badInput(`Option ${i + 1} is longer than ${POLL_OPTION_MAX} characters.`, { field: `poll.options.${i}`, max: POLL_OPTION_MAX, messageKey: 'input.tooLong' });
  });
  if (new Set(options.map((o) => o.toLocaleLowerCase('nl'))).size !== options.length) throw badInput('Two options are the same.', { field: 'poll.options', messageKey: 'poll.optionDuplicate' });
  const resultsVisibility = (raw.resultsVisibility ?? 'after_vote') as PollResultsVisibilityValue;
  if (!RESULTS.includes(resultsVisibility)) throw badInput('Results show after voting or after closing.', { field: 'poll.resultsVisibility', messageKey: 'input.unknownChoice' });
  const closesAt = raw.closesAt instanceof Date ? raw.closesAt : typeof raw.closesAt === 'string' ? new Date(raw.closesAt) : null;
  if (!closesAt || Number.isNaN(closesAt.getTime())) throw badInput('Choose when the poll closes.', { field: 'poll.closesAt', messageKey: 'input.invalidDate' });
  const minutes = (closesAt.getTime() - now.getTime()) / 60_000;
  if (minutes < POLL_MIN_MINUTES || minutes > POLL_MAX_DAYS * 1440) {
    throw badInput(`A poll closes between ${POLL_MIN_MINUTES} minutes and ${POLL_MAX_DAYS} days from now.`, { field: 'poll.closesAt', min: POLL_MIN_MINUTES, max: POLL_MAX_DAYS, messageKey: 'poll.closesAt' });
  }
  return { options, multipleChoice: raw.multipleChoice === true, anonymous: raw.anonymous === true, resultsVisibility, closesAt };
}

/** A vote: 1 option for a single-choice poll, 1 or more distinct ones for a multiple-choice poll. */
export function validateVote(optionIds: unknown, multipleChoice: boolean, isId: (v: string) => boolean): string[] {
  if (!Array.isArray(optionIds) || !optionIds.length) throw badInput('Choose an option.', { field: 'optionIds', messageKey: 'poll.chooseOption' });
  const ids = [...new Set(optionIds.map((v) => (typeof v === 'string' ? v.toLowerCase() : '')))];
  if (!ids.every(isId)) throw badInput('Every option id must be an option of this poll.', { field: 'optionIds', messageKey: 'input.invalidId' });
  if (ids.length > POLL_MAX_OPTIONS) throw badInput('Too many options.', { field: 'optionIds', max: POLL_MAX_OPTIONS, messageKey: 'input.tooMany' });
  if (!multipleChoice && ids.length > 1) throw badInput('This poll takes one choice.', { field: 'optionIds', messageKey: 'poll.singleChoice' });
  return ids;
}
