import { Controller, Get, Param, Res } from '@nestjs/common';
import { notFound, isUuid } from '@plein/core';
import { Public } from '@plein/policy';
import type { Response } from 'express';
import { isPhotoSize, PhotosService } from './photos.service.js';
import { sendImage } from '@plein/uploads';


/**
 * GET /photos/:photoId/:size → the image bytes.
 *
 * Public on purpose: browsers load photos with <img>, which cannot send the bearer token. The photo
 * id is a random UUID (122 bits) that only reaches people who may read the Person, so the id is
 * the capability. A new or removed photo deletes the old rows, so an old URL stops working; the
 * bytes never change under one URL, hence `immutable`.
 */
@Controller('photos')
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Public()
  @Get(':photoId/:size')
  async get(@Param('photoId') photoId: string, @Param('size') size: string, @Res() res: Response): Promise<void> {
    if (!isUuid(photoId) || !isPhotoSize(size)) throw notFound('No such photo.');
    const variant = await this.photos.variant(photoId.toLowerCase(), size);
    if (!variant) throw notFound('No such photo.');
    sendImage(res, variant, 'immutable');
  }
}
