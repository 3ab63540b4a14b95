export * from './io.adapter.js';
export * from './realtime.gateway.js';
export * from './realtime.module.js';
export * from './realtime.service.js';
