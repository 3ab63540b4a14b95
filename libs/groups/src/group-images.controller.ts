import { Controller, Get, Param, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid, notFound } from '@plein/core';
import { Public } from '@plein/policy';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { sendImage } from '@plein/uploads';

/**
 * GET /group-images/:id → WebP bytes. Public like profile photos: <img> cannot send a token, and the
 * random id only reaches people who may see the group. A replaced image's row is deleted, so its
 * bytes never change under one URL.
 */
@Controller('group-images')
export class GroupImagesController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Public()
  @Get(':id')
  async get(@Param('id') id: string, @Res() res: Response): Promise<void> {
    if (!isUuid(id)) throw notFound('No such image.');
    const [row]: { content_type: string; bytes: Buffer }[] = await this.db.query(
      `SELECT i.content_type, i.bytes FROM group_images i JOIN groups g ON g.id = i.group_id WHERE i.id = $1 AND g.deleted_at IS NULL AND g.moderation_state = 'visible'`,
      [id.toLowerCase()],
    );
    if (!row) throw notFound('No such image.');
    // Not immutable: moderation may hide the group, and that must reach browsers too.
    sendImage(res, { contentType: row.content_type, bytes: row.bytes }, 'revalidate');
  }
}
