export * from './actor.js';
export * from './policy.module.js';
export * from './policy.service.js';
export * from './decorators.js';
export * from './reader-sql.js';
