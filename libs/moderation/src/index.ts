export * from './entities/moderation.entity.js';
export * from './models/moderation.model.js';
export * from './moderation.module.js';
export * from './moderation.resolver.js';
export * from './moderation.service.js';
export * from './suspension-appeal.controller.js';
export * from './moderated-content.resolver.js';
