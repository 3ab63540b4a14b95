import { Controller, Get, Injectable, Param, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, isUuid, notFound, type LoaderFactory } from '@plein/core';
import { Public, type Actor } from '@plein/policy';
import { sendImage, UploadsService } from '@plein/uploads';
import type { Response } from 'express';
import sharp, { type Metadata } from 'sharp';
import { DataSource, type EntityManager } from 'typeorm';

export const MAX_MESSAGE_IMAGES = 4;
const MAX_ALT_CHARS = 1000;
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_PIXELS = 50_000_000;
const MAX_SIDE = 1600;
const FORMATS = ['jpeg', 'png', 'webp', 'gif', 'heif'];

export interface ImageRequest {
  uploadId: string;
  alt: string;
}

/** A rendered image, ready to store with its message. */
export interface RenderedMessageImage {
  uploadId: string;
  alt: string;
  width: number;
  height: number;
  bytes: Buffer;
}

export interface MessageImageRow {
  id: string;
  messageId: string;
  alt: string;
  width: number;
  height: number;
}

export function messageImageUrl(id: string): string {
  return `/message-images/${id}`;
}

/** Checks the shape of `images` before anything is read: at most 4, distinct uploads, alt text bounded. */
export function validateImageRequests(raw: unknown): ImageRequest[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badInput('images must be a list.', { field: 'images', messageKey: 'input.notText' });
  if (raw.length > MAX_MESSAGE_IMAGES) throw badInput(`A message can have at most ${MAX_MESSAGE_IMAGES} images; this one has ${raw.length}.`, { field: 'images', max: MAX_MESSAGE_IMAGES, messageKey: 'input.tooMany' });
  const seen = new Set<string>();
  return raw.map((item: { uploadId?: unknown; alt?: unknown }, i) => {
    const uploadId = typeof item?.uploadId === 'string' ? item.uploadId.trim().toLowerCase() : '';
    if (!isUuid(uploadId)) throw badInput(`Image ${i + 1}: give the id of an upload.`, { field: `images.${i}.uploadId`, messageKey: 'input.invalidId' });
    if (seen.has(uploadId)) throw badInput(`Image ${i + 1} is the same upload as an earlier one.`, { field: `images.${i}.uploadId` });
    seen.add(uploadId);
    if (item.alt !== undefined && item.alt !== null && typeof item.alt !== 'string') throw badInput(`Image ${i + 1}: the description must be text.`, { field: `images.${i}.alt`, messageKey: 'input.notText' });
    const alt = (item.alt ?? '').replace(/\s+/g, ' ').trim();
    if (alt.includes('\u0000')) throw badInput(`Image ${i + 1}: the description cannot contain NUL characters.`, { field: `images.${i}.alt`, messageKey: 'input.unstorableCharacter' });
    if ([...alt].length > MAX_ALT_CHARS) throw badInput(`Image ${i + 1}: the description can be at most ${MAX_ALT_CHARS} characters.`, { field: `images.${i}.alt`, max: MAX_ALT_CHARS, messageKey: 'input.tooLong' });
    return { uploadId, alt };
  });
}

/**
 * Message images: each upload (the poster's own) is judged by its bytes, decoded once, turned upright
 * and re-encoded as WebP at most 1600 px on its longest side, so no metadata (GPS, camera) and
 * nothing hidden after the image survives. Rendering happens before the message's transaction.
 */
@Injectable()
export class MessageImagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uploads: UploadsService,
  ) {}

  async render(actor: Actor, requests: ImageRequest[]): Promise<RenderedMessageImage[]> {
    const out: RenderedMessageImage[] = [];
    for (const [i, req] of requests.entries()) {
      const field = `images.${i}.uploadId`;
      const upload = await this.uploads.get(actor, req.uploadId);
      const notAnImage = () => badInput(`Image ${i + 1} ("${upload.filename.slice(0, 60)}") is not an image we can read (JPEG, PNG, WebP, GIF or AVIF).`, { field, messageKey: 'input.notAnImage' });
      if (upload.size > MAX_BYTES) throw badInput(`Image ${i + 1} is larger than ${MAX_BYTES / 1024 / 1024} MB.`, { field, messageKey: 'input.fileTooLarge' });
      let meta: Metadata;
      try {
        meta = await sharp(upload.bytes, { failOn: 'truncated', limitInputPixels: false }).metadata();
      } catch {
        throw notAnImage();
      }
      if (!meta.width || !meta.height || !FORMATS.includes(meta.format ?? '')) throw notAnImage();
      // HEIF container: AVIF only (sharp's prebuilt libvips does not decode HEIC).
      if (meta.format === 'heif' && meta.compression !== 'av1') throw notAnImage();
      if (meta.width * meta.height > MAX_PIXELS) throw badInput(`Image ${i + 1} has too many pixels (at most ${MAX_PIXELS / 1_000_000} megapixels).`, { field, messageKey: 'input.tooManyPixels' });
      try {
        const { data, info } = await sharp(upload.bytes, { failOn: 'truncated', limitInputPixels: MAX_PIXELS })
          .rotate()
          .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer({ resolveWithObject: true });
        out.push({ uploadId: upload.id, alt: req.alt, width: info.width, height: info.height, bytes: data });
      } catch {
        throw notAnImage();
      }
    }
    return out;
  }

  /** Stores the images of a new message, inside its transaction. */
  async insert(em: EntityManager, messageId: string, images: RenderedMessageImage[]): Promise<void> {
    for (const [position, img] of images.entries()) {
      await em.query(
        `INSERT INTO message_images (message_id, position, alt, content_type, width, height, bytes) VALUES ($1, $2, $3, 'image/webp', $4, $5, $6)`,
        [messageId, position, img.alt, img.width, img.height, img.bytes],
      );
    }
  }

  /** The uploads are spent once the message is committed. */
  async discardUploads(images: RenderedMessageImage[]): Promise<void> {
    for (const img of images) await this.uploads.discard(img.uploadId);
  }

  async forMessages(ids: readonly string[]): Promise<MessageImageRow[]> {
    return this.db.query(
      `SELECT id, message_id AS "messageId", alt, width, height FROM message_images WHERE message_id = ANY($1::uuid[]) ORDER BY message_id, position`,
      [ids],
    );
  }
}

/** The images of a page of messages in one query. */
@Injectable()
export class MessageImagesLoader implements LoaderFactory<string, MessageImageRow[]> {
  constructor(private readonly images: MessageImagesService) {}
  async load(ids: readonly string[]) {
    const rows = await this.images.forMessages(ids);
    const grouped = new Map<string, MessageImageRow[]>();
    for (const r of rows) grouped.set(r.messageId, [...(grouped.get(r.messageId) ?? []), r]);
    return ids.map((id) => grouped.get(id) ?? []);
  }
}

/**
 * GET /message-images/:id → WebP bytes. Public like profile photos and group images: an <img> cannot
 * send a token, and the random id only reaches people who may read the message. A deleted message's
 * images, or a removed one's, are gone from this URL too.
 */
@Controller('message-images')
export class MessageImagesController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Public()
  @Get(':id')
  async get(@Param('id') id: string, @Res() res: Response): Promise<void> {
    if (!isUuid(id)) throw notFound('No such image.');
    const [row]: { content_type: string; bytes: Buffer }[] = await this.db.query(
      `SELECT i.content_type, i.bytes FROM message_images i JOIN messages m ON m.id = i.message_id
       WHERE i.id = $1 AND m.deleted_at IS NULL AND m.moderation_state <> 'removed'`,
      [id.toLowerCase()],
    );
    if (!row) throw notFound('No such image.');
    // Not immutable: a later deletion must take effect.
    sendImage(res, { contentType: row.content_type, bytes: row.bytes }, 'revalidate');
  }
}
