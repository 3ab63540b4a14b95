import v8 from 'node:v8';
import { describe, expect, it } from '@jest/globals';
import { releaseMemory } from './memory.js';

const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.physical_space_size;

describe('releaseMemory', () => {
  it('shrinks the young generation that a burst of allocation grew, without --expose-gc', () => {
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    let keep: { i: number; s: string }[][] = [];
    for (let r = 0; r < 30; r++) {
      keep.push(Array.from({ length: 100_000 }, (_, i) => ({ i, s: `x${i}` })));
      if (keep.length > 3) keep.shift();
    }
    keep = [];
    const grown = newSpace();
    expect(grown).toBeGreaterThan(8 * 2 ** 20);
    expect(releaseMemory()).toBe(true);
    expect(newSpace()).toBeLessThan(grown / 4);
    // The flag it sets to reach the collector is cleared again: nothing else gets `gc`.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
