export * from './fan-out.job.js';
export * from './notification.entity.js';
export * from './notification.model.js';
export * from './notifications.module.js';
export * from './notifications.resolver.js';
export * from './notifications.service.js';
