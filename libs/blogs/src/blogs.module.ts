import { Module } from '@nestjs/common';
import { DirectoryModule } from '@plein/directory';
import { MessagesModule } from '@plein/messages';
import { NotificationsModule } from '@plein/notifications';
import { BlogCoversController } from './blog-covers.controller.js';
import { BlogAfterCommit } from './blog-events.js';
import { BlogCommentCountLoader, BlogLikedByLoader, BlogLoader, BlogReaderCountLoader } from './blog.loaders.js';
import { BlogCommentsResolver, BlogPostsResolver, BlogsResolver } from './blogs.resolver.js';
import { BlogsService } from './blogs.service.js';
import { BlogJobs } from './jobs/blog-jobs.js';
import { BlogEngagement } from './use-cases/blog-engagement.use-case.js';
import { BlogPostWrites } from './use-cases/blog-posts.use-case.js';

/** Blogs: person, group and company blogs, posts, comments, reading figures. Works in the api and the worker. */
@Module({
  imports: [DirectoryModule, MessagesModule, NotificationsModule],
  controllers: [BlogCoversController],
  providers: [BlogsService, BlogAfterCommit, BlogLoader, BlogLikedByLoader, BlogCommentCountLoader, BlogReaderCountLoader, BlogPostWrites, BlogEngagement, BlogJobs, BlogPostsResolver, BlogCommentsResolver, BlogsResolver],
  exports: [BlogsService, BlogPostWrites],
})
export class BlogsModule {}
