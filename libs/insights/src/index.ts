export * from './barriers/barrier.models.js';
export * from './barriers/barriers.service.js';
export * from './barriers/barriers.resolver.js';
export * from './barriers/barriers-core.module.js';
export * from './insights.module.js';
