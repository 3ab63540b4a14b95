import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES } from '../libs/core/src/config/config.js';

/** The README's configuration table names exactly the variables Plein reads, so it cannot drift. */
describe('README configuration table', () => {
  it('lists every variable in CONFIG_VARIABLES and nothing else', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Configuration'), readme.indexOf('\n### ', readme.indexOf('\n## Configuration')));
    const inTable = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]!).sort();
    expect(inTable).toEqual(Object.keys(CONFIG_VARIABLES).sort());
  });
});
