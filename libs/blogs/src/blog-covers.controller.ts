import { Controller, Get, Param, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { isUuid, notFound } from '@plein/core';
import { Public } from '@plein/policy';
import { DataSource } from 'typeorm';
import { sendImage } from '@plein/uploads';

/**
 * GET /blog-covers/:id — a post's cover image. Browsers load it with <img>, which cannot send the
 * bearer token, so the random cover id is the capability (as for profile photos); the bytes were
 * re-encoded by sharp when the author chose them, so nothing else travels with them.
 */
@Controller('blog-covers')
export class BlogCoversController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Public()
  @Get(':id')
  async cover(@Param('id') id: string, @Res() res: Response): Promise<void> {
    if (!isUuid(id)) throw notFound('No such cover image.');
    // The cover of a post moderation hid or removed is not served (its id was public on the page).
    const rows: { content_type: string; bytes: Buffer }[] = await this.db.query(
      `SELECT content_type, bytes FROM blog_covers c WHERE c.id = $1
          AND NOT EXISTS (SELECT 1 FROM blog_posts p WHERE p.cover_upload_id = c.id AND p.moderation_state <> 'visible')`,
      [id],
    );
    if (rows.length === 0) throw notFound('No such cover image.');
    // Not immutable: moderation may hide the post, and that must reach browsers too.
    sendImage(res, { contentType: rows[0].content_type, bytes: rows[0].bytes }, 'revalidate');
  }
}
