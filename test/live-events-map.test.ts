import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LIVE_EVENT_NAMES } from '../libs/realtime/src/events.js';
import { BARRIERS_CHANGED } from '../libs/realtime/src/event-log.js';

/**
 * The socket events are one map shared by the server and the web app (libs/realtime/src/events.ts):
 * the web app's `useLive` takes its names and payload types from it (checked by the type check), and
 * this test finds every event name the server emits and requires it in the map.
 */
const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full);
    return /\.ts$/.test(name) && !/\.(spec|test)\.ts$/.test(name) ? [{ file: path.relative(root, full), text: readFileSync(full, 'utf8') }] : [];
  });
}

/** Event names in the server's emits: live events for the outbox, direct emits to users or sockets. */
function emitted(): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of [...sources(path.join(root, 'libs')), ...sources(path.join(root, 'apps/api/src'))]) {
    if (file.endsWith('events.ts') && file.includes('realtime')) continue;
    const patterns = [
      /type:\s*'([a-z]+(?:\.[a-zA-Z]+)+)'/g, // { audience, type: 'message.created', payload }
      /\.emitTo(?:User|Users|Rooms)\([^,]+,\s*'([^']+)'/g,
      /socket\.emit\('([^']+)'/g,
      /liveEvents\(em, [^,]+, '([^']+)'/g,
      /liveEvent\([^,]+,\s*'([^']+)'/g,
      /type:\s*[^,{}?]+\?\s*'([a-z]+(?:\.[a-zA-Z]+)+)'\s*:\s*'([a-z]+(?:\.[a-zA-Z]+)+)'/g, // type: to === 'visible' ? 'poll.restored' : 'poll.removed'
    ];
    // Content kinds push their events into the list their moderation hook is handed (`live.push`).
    const live = /appendLiveEvents|LiveEvent|emitTo|socket\.emit|live\.push\(/.test(text);
    if (!live) continue;
    for (const re of patterns) for (const m of text.matchAll(re)) for (const name of m.slice(1)) if (name) found.set(name, file);
  }
  return found;
}

describe('live events map', () => {
  it('names every event the server emits', () => {
    const names = new Set<string>(LIVE_EVENT_NAMES);
    const found = emitted();
    expect(found.size).toBeGreaterThan(20);
    const missing = [...found].filter(([name]) => !names.has(name) && name !== BARRIERS_CHANGED).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has no stale names: every name in the map is emitted somewhere', () => {
    const found = emitted();
    const stale = LIVE_EVENT_NAMES.filter((name) => !found.has(name) && name !== 'session.ended');
    expect(stale).toEqual([]);
  });
});
