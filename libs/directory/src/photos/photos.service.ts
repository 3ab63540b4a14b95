import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { badInput, notFound, loadSharp } from '@plein/core';
import type { Metadata, ResizeOptions } from 'sharp';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { Person } from '../entities/person.entity.js';
import { Photo, PhotoVariant } from '../entities/photo.entity.js';
import { sniffImageType } from './image-type.js';

export type PhotoSource = 'hr' | 'upload';
export const PHOTO_SIZES = ['small', 'medium', 'large'] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

/** Largest original we accept (uploads themselves may be 20 MB: that limit is the LinkedIn one). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** Decoding cost grows with pixels, not bytes: a 2 KB PNG can declare 60000×60000. */
export const PHOTO_MAX_PIXELS = 50_000_000;

export const NOT_AN_IMAGE = 'This file is not an image we can read (JPEG, PNG or WebP).';

const OUTPUT_TYPE = 'image/webp';

/** The path a browser loads a variant from (see PhotosController). */
export function photoUrl(photoId: string, size: PhotoSize): string {
  return `/photos/${photoId}/${size}`;
}

export function isPhotoSize(value: string): value is PhotoSize {
  return (PHOTO_SIZES as readonly string[]).includes(value);
}

interface Rendered {
  size: PhotoSize;
  width: number;
  height: number;
  bytes: Buffer;
}

/**
 * Profile photos, from the HR import or uploaded by the person. The original is never kept: it is
 * decoded once, turned upright by its EXIF orientation and re-encoded as WebP in three sizes, which
 * drops every byte of metadata (GPS, camera, thumbnails) and anything smuggled after the image.
 * One current photo per person: a new one replaces (and deletes) the old.
 */
@Injectable()
export class PhotosService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async storePhoto(personId: string, bytes: Buffer, source: PhotoSource): Promise<Photo> {
    if (source !== 'hr' && source !== 'upload') throw new Error(`Unknown photo source ${String(source)}`);
    if (bytes.length > PHOTO_MAX_BYTES) {
      throw badInput(`The photo is larger than ${PHOTO_MAX_BYTES / 1024 / 1024} MB. Choose a smaller one.`, { field: 'photo', messageKey: 'input.fileTooLarge' });
    }
    const type = sniffImageType(bytes);
    if (!type) throw badInput(NOT_AN_IMAGE, { field: 'photo', messageKey: 'input.notAnImage' });
    const checksum = createHash('sha256').update(bytes).digest('hex');

    // Same photo as the current one: nothing to do (an HR re-import sends the same bytes daily).
    const current = await this.currentPhoto(personId);
    if (current && current.checksum === checksum) return current;
    // A photo moderation took down does not come back by sending it again (HR's daily import included).
    const moderated = await this.db.getRepository(Photo).findOneBy({ personId, checksum, moderationState: Not('visible') });
    if (moderated) {
      if (source === 'hr') return moderated;
      throw badInput('This photo was taken down by moderation. Choose another photo.', { field: 'photo', messageKey: 'input.photoModerated' });
    }

    const variants = await this.render(bytes, type === 'heic');

    return this.db.transaction(async (tx) => {
      // Serialise concurrent stores for one person so exactly one photo ends up current.
      const locked = await tx.getRepository(Person).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :personId', { personId }).getOne();
      if (!locked) throw notFound('No person with this id.');
      if (locked.photoId) {
        const again = await tx.getRepository(Photo).findOneBy({ id: locked.photoId });
        if (again && again.checksum === checksum) return again;
      }
      const photo = await tx.getRepository(Photo).save(tx.getRepository(Photo).create({ personId, source, checksum }));
      await tx.getRepository(PhotoVariant).insert(
        variants.map((v) => ({ photoId: photo.id, size: v.size, contentType: OUTPUT_TYPE, width: v.width, height: v.height, bytes: v.bytes })),
      );
      await tx.getRepository(Person).update({ id: personId }, { photoId: photo.id });
      await this.deleteOthers(tx, personId, photo.id);
      return photo;
    });
  }

  /** Removes the person's photo, bytes included (not only the pointer). */
  async removePhoto(personId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.getRepository(Person).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :personId', { personId }).getOne();
      await tx.getRepository(Person).update({ id: personId }, { photoId: null });
      await this.deleteOthers(tx, personId, null);
    });
  }

  async currentPhoto(personId: string): Promise<Photo | null> {
    const person = await this.db.getRepository(Person).findOne({ where: { id: personId }, select: { id: true, photoId: true } });
    return person?.photoId ? this.db.getRepository(Photo).findOneBy({ id: person.photoId }) : null;
  }

  /** One variant's bytes, or null when the id or size is unknown or moderation took the photo down. */
  async variant(photoId: string, size: PhotoSize): Promise<PhotoVariant | null> {
    const live = await this.db.getRepository(Photo).existsBy({ id: photoId, moderationState: 'visible' });
    return live ? this.db.getRepository(PhotoVariant).findOneBy({ photoId, size }) : null;
  }

  private async deleteOthers(tx: EntityManager, personId: string, keepId: string | null): Promise<void> {
    const rows = await tx.getRepository(Photo).find({ where: { personId }, select: { id: true } });
    const ids = rows.map((r) => r.id).filter((id) => id !== keepId);
    if (ids.length === 0) return;
    await tx.getRepository(PhotoVariant).delete({ photoId: In(ids) });
    await tx.getRepository(Photo).delete({ id: In(ids) });
  }

  /** Decodes once and renders every size; any decoder complaint means "not an image we can read". */
  private async render(bytes: Buffer, heic: boolean): Promise<Rendered[]> {
    const fail = () =>
      badInput(heic ? 'HEIC photos cannot be read yet. Export the photo as JPEG and try again.' : NOT_AN_IMAGE, { field: 'photo', messageKey: heic ? 'input.heic' : 'input.notAnImage' });
    // 'truncated' rejects cut-off files while tolerating the harmless warnings many cameras cause.
    const input = { failOn: 'truncated', limitInputPixels: PHOTO_MAX_PIXELS } as const;
    const sharp = await loadSharp();
    let meta: Metadata;
    try {
      // Header only: no pixels are decoded, so the limit is checked below with a clearer message.
      meta = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
    } catch {
      throw fail();
    }
    if (!meta.width || !meta.height) throw fail();
    if (meta.width * meta.height > PHOTO_MAX_PIXELS) {
      throw badInput(`The photo has too many pixels (at most ${PHOTO_MAX_PIXELS / 1_000_000} megapixels). Choose a smaller one.`, { field: 'photo', messageKey: 'input.tooManyPixels' });
    }
    try {
      // Decode and orient once, shrunk to twice the largest size (JPEG shrinks while decoding), so a
      // 50-megapixel photo never sits in memory as raw pixels; each size starts from this copy.
      const upright = await sharp(bytes, input)
        .rotate()
        .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const raw = { raw: { width: upright.info.width, height: upright.info.height, channels: upright.info.channels } };
      const out = async (size: PhotoSize, resize: ResizeOptions): Promise<Rendered> => {
        const { data, info } = await sharp(upright.data, raw).resize(resize).webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
        return { size, width: info.width, height: info.height, bytes: data };
      };
      return await Promise.all([
        out('small', { width: 64, height: 64, fit: 'cover', position: 'attention' }),
        out('medium', { width: 256, height: 256, fit: 'cover', position: 'attention' }),
        out('large', { width: 800, height: 800, fit: 'inside', withoutEnlargement: true }),
      ]);
    } catch {
      throw fail();
    }
  }
}
