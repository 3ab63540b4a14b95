import { Module } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { MessageAfterCommit } from './message-events.js';
import { MessageImagesController, MessageImagesLoader, MessageImagesService } from './message-images.js';
import { LikedByLoader, MessageLoader, MessagePagePrimer, VisibleReshareCounts } from './message.loaders.js';
import { MessageKind } from './message.kind.js';
import { MessagesResolver } from './messages.resolver.js';
import { MessagesService } from './messages.service.js';
import { DeleteMessage, EditMessage } from './use-cases/change-message.use-case.js';
import { LikeMessage, PostMessage, ReshareMessage } from './use-cases/post-message.use-case.js';

/** Short messages, replies, likes, reshares, feeds and message search. Works in the api and the worker. */
@Module({
  imports: [DirectoryModule],
  controllers: [MessageImagesController],
  providers: [MessageKind, MessageImagesService, MessageImagesLoader, MessagesService, MessageAfterCommit, MessageLoader, LikedByLoader, VisibleReshareCounts, MessagePagePrimer, PostMessage, ReshareMessage, LikeMessage, EditMessage, DeleteMessage, MessagesResolver],
  exports: [MessagesService, MessageLoader, LikedByLoader, MessagePagePrimer, MessageAfterCommit, PostMessage],
})
export class MessagesModule {}
