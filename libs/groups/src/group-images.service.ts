import { Injectable } from '@nestjs/common';
import { badInput, loadSharp } from '@plein/core';
import type { Metadata } from 'sharp';
import type { EntityManager } from 'typeorm';

export type GroupImageKind = 'avatar' | 'cover';

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_PIXELS = 50_000_000;
const NOT_AN_IMAGE = 'This file is not an image we can read (JPEG, PNG or WebP).';
const SIZES: Record<GroupImageKind, { width: number; height: number }> = {
  avatar: { width: 256, height: 256 },
  cover: { width: 1500, height: 500 },
};

export interface RenderedImage {
  kind: GroupImageKind;
  width: number;
  height: number;
  bytes: Buffer;
}

/** The path a browser loads a group image from (GroupImagesController). */
export function groupImageUrl(id: string): string {
  return `/group-images/${id}`;
}

/**
 * Group avatars and covers: the upload is decoded once and re-encoded as WebP at a fixed size, so no
 * metadata (GPS, camera) and nothing smuggled after the image survives, and the original is not kept.
 */
@Injectable()
export class GroupImagesService {
  async render(bytes: Buffer, kind: GroupImageKind): Promise<RenderedImage> {
    const field = kind === 'avatar' ? 'avatarUploadId' : 'coverUploadId';
    if (bytes.length > MAX_BYTES) throw badInput(`The image is larger than ${MAX_BYTES / 1024 / 1024} MB. Choose a smaller one.`, { field, messageKey: 'input.fileTooLarge' });
    const sharp = await loadSharp();
    let meta: Metadata;
    try {
      meta = await sharp(bytes, { failOn: 'truncated', limitInputPixels: false }).metadata();
    } catch {
      throw badInput(NOT_AN_IMAGE, { field, messageKey: 'input.notAnImage' });
    }
    if (!meta.width || !meta.height || !['jpeg', 'png', 'webp', 'gif'].includes(meta.format ?? '')) throw badInput(NOT_AN_IMAGE, { field, messageKey: 'input.notAnImage' });
    if (meta.width * meta.height > MAX_PIXELS) throw badInput(`The image has too many pixels (at most ${MAX_PIXELS / 1_000_000} megapixels).`, { field, messageKey: 'input.tooManyPixels' });
    try {
      const { width, height } = SIZES[kind];
      const { data, info } = await sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width, height, fit: 'cover', position: 'attention' })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
      return { kind, width: info.width, height: info.height, bytes: data };
    } catch {
      throw badInput(NOT_AN_IMAGE, { field, messageKey: 'input.notAnImage' });
    }
  }

  /** Stores a rendered image for the group and deletes the one it replaces. Returns the new id. */
  async replace(em: EntityManager, groupId: string, image: RenderedImage, previousId: string | null): Promise<string> {
    const [row]: { id: string }[] = await em.query(
      `INSERT INTO group_images (group_id, kind, content_type, width, height, bytes) VALUES ($1, $2, 'image/webp', $3, $4, $5) RETURNING id`,
      [groupId, image.kind, image.width, image.height, image.bytes],
    );
    if (previousId) await em.query('DELETE FROM group_images WHERE id = $1 AND group_id = $2', [previousId, groupId]);
    return row.id;
  }

  async remove(em: EntityManager, groupId: string, id: string | null): Promise<void> {
    if (id) await em.query('DELETE FROM group_images WHERE id = $1 AND group_id = $2', [id, groupId]);
  }
}
