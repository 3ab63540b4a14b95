import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a preview link works: long enough to open and read, short enough not to matter if it leaks. */
export const PREVIEW_TTL_MS = 10 * 60_000;

/**
 * Signed links to one sent mail's HTML (`/mail/preview/<id>?e=<expiry>&s=<mac>`), for the admins'
 * "Verzonden mail" page: an <iframe> cannot send the session's bearer token, so the link itself is
 * the permission, minted only for an admin by `sentMailMessage` and valid for ten minutes.
 * HMAC-SHA256 with a key derived from JWT_SECRET for this purpose alone.
 */
export class PreviewLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('plein:mail-preview:v1').digest();
  }

  url(id: string, now = Date.now()): string {
    const expires = now + PREVIEW_TTL_MS;
    return `/mail/preview/${encodeURIComponent(id)}?e=${expires}&s=${this.mac(id, expires)}`;
  }

  /** True when the mac fits the id and expiry and the link has not expired. */
  verify(id: string, expires: unknown, mac: unknown, now = Date.now()): boolean {
    if (typeof expires !== 'string' || !/^\d{13}$/.test(expires) || typeof mac !== 'string' || mac.length > 64) return false;
    const at = Number(expires);
    if (at < now || at > now + PREVIEW_TTL_MS) return false;
    const expected = Buffer.from(this.mac(id, at));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private mac(id: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${id}:${expires}`).digest().subarray(0, 16).toString('base64url');
  }
}
