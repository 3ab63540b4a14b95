export * from './actor.js';
export * from './policy.module.js';
export * from './policy.service.js';
export * from './decorators.js';
export * from './reader-sql.js';
export * from './content-kind.js';
export * from './content-visibility.js';
