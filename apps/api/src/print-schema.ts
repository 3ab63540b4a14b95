import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printSchemaOf } from './schema.js';

/** `npm run schema:print`: writes schema.gql (committed; a test fails when it is stale). */
const sdl = await printSchemaOf();
writeFileSync('schema.gql', sdl);
process.stdout.write(`schema.gql written (${sdl.length} bytes)\n`);
