import type { Response } from 'express';

/**
 * Answers an image GET with stored, re-encoded bytes. The ids in these URLs are random capabilities
 * (an <img> cannot send the bearer token). `revalidate`: content a later deletion or moderation must
 * reach (browsers check again after an hour); otherwise the id changes with the content, so it is
 * cached for a year. Opened directly, the image must never become a document that runs anything.
 */
export function sendImage(res: Response, image: { contentType: string; bytes: Buffer }, cache: 'immutable' | 'revalidate'): void {
  res.setHeader('Content-Type', image.contentType);
  res.setHeader('Content-Length', String(image.bytes.length));
  res.setHeader('Cache-Control', cache === 'immutable' ? 'public, max-age=31536000, immutable' : 'private, max-age=3600');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.end(image.bytes);
}
