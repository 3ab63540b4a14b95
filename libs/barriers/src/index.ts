export * from './barrier.models.js';
export * from './barriers.service.js';
export * from './barriers.resolver.js';
export * from './barriers-core.module.js';
export * from './barriers.module.js';
