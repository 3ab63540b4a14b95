import { Injectable, type OnModuleInit } from '@nestjs/common';
import { FollowsService } from '@plein/directory';
import { MessageAfterCommit } from '@plein/messages';

/** A new follower becomes a notification: the follow is stored, then the fan-out job goes out. */
@Injectable()
export class FollowNotificationsListener implements OnModuleInit {
  constructor(
    private readonly follows: FollowsService,
    private readonly afterCommit: MessageAfterCommit,
  ) {}

  onModuleInit(): void {
    this.follows.onFollowed((e) => void this.afterCommit.fanOut({ kind: 'follow', actorId: e.follower.id, personId: e.followeeId }));
  }
}
