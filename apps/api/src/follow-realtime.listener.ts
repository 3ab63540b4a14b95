import { Injectable, type OnModuleInit } from '@nestjs/common';
import { FollowsService } from '@plein/directory';
import { RealtimeService } from '@plein/realtime';

/**
 * Pushes `follow.new` to the followee's sockets. Lives in the api (the worker has no sockets) so the
 * directory lib needs no dependency on @plein/realtime. Notifications proper come with messages.
 */
@Injectable()
export class FollowRealtimeListener implements OnModuleInit {
  constructor(
    private readonly follows: FollowsService,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    this.follows.onFollowed((e) => this.realtime.emitToUser(e.followeeId, 'follow.new', { follower: e.follower, followedAt: e.followedAt }));
  }
}
