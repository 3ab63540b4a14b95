export * from './io.adapter.js';
export * from './realtime.gateway.js';
export * from './realtime.module.js';
export * from './realtime.service.js';
export * from './event-log.js';
export * from './realtime-event.entity.js';
export * from './realtime-events.resolver.js';
export * from './realtime-relay.js';
