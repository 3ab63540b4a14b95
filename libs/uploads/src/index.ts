export * from './upload.entity.js';
export * from './uploads.controller.js';
export * from './uploads.module.js';
export * from './uploads.service.js';
export * from './send-image.js';
