import { Controller, HttpCode, Inject, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { APP_CONFIG, badInput, DomainError, ErrorCode, RateLimiterService, type ResolvedConfig } from '@plein/core';
import { CurrentActor, type Actor } from '@plein/policy';
import { UploadsService } from './uploads.service.js';

/** Largest file anyone may upload (the LinkedIn limit; photos and others check lower limits). */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/**
 * POST /uploads (multipart, field `file`) → `{ id, filename, size }`. Then a GraphQL mutation uses
 * the id (`setProfilePhoto(uploadId)`, `importLinkedIn(uploadId)`, …). Keeps GraphQL free of
 * multipart and its CSRF pitfalls.
 */
@Controller('uploads')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly limiter: RateLimiterService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 } }))
  async upload(@CurrentActor() actor: Actor, @UploadedFile() file: Express.Multer.File | undefined, @Res({ passthrough: true }) res: Response) {
    const limit = await this.limiter.hit(`upload:${actor.personId}`, this.config.rateLimit.uploadsPerMinute, 60);
    if (!limit.allowed) {
      res.setHeader('Retry-After', String(limit.retryAfterSeconds));
      throw new DomainError(ErrorCode.RATE_LIMITED, `You are uploading too fast. Try again in ${limit.retryAfterSeconds} seconds.`, { retryAfterSeconds: limit.retryAfterSeconds });
    }
    if (!file) throw badInput('Send the file as multipart/form-data in a field named "file".', { field: 'file' });
    if (file.size === 0) throw badInput('The file is empty.', { field: 'file', messageKey: 'input.required' });
    const saved = await this.uploads.store(actor, file);
    return { id: saved.id, filename: saved.filename, size: saved.size, expiresAt: saved.expiresAt.toISOString() };
  }
}
