import { describe, expect, it } from '@jest/globals';
import { splitFamilyName } from './family-name.js';

describe('Dutch family names', () => {
  it.each([
    ['van der Berg', 'van der', 'Berg'],
    ["van 't Hof", "van 't", 'Hof'],
    ['de Vries', 'de', 'Vries'],
    ['ter Horst', 'ter', 'Horst'],
    ['Jansen', null, 'Jansen'],
    ['Ødegaard', null, 'Ødegaard'],
    ['Vandenberg', null, 'Vandenberg'],
    ['El Amrani', null, 'El Amrani'],
  ])('splits %j', (sn, prefix, family) => {
    expect(splitFamilyName(sn)).toEqual({ prefix, family });
  });
});
