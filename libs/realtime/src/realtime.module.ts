import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeService } from './realtime.service.js';
import { RealtimeEventsResolver } from './realtime-events.resolver.js';
import { RealtimeRelay } from './realtime-relay.js';

@Module({ providers: [RealtimeGateway, RealtimeService, RealtimeRelay, RealtimeEventsResolver], exports: [RealtimeService] })
export class RealtimeModule {}
