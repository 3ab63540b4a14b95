import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@plein/core';
import { isMailKind, type MailKind } from './mail-kinds.js';

/**
 * The one-click unsubscribe token in every mail: person and kind, signed with a key derived from
 * JWT_SECRET (HMAC-SHA256, truncated to 128 bits). It works without a session, never expires (an
 * old digest's link still unsubscribes) and can do exactly one thing: switch that kind off.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('plein:mail-unsubscribe:v1').digest();
  }

  sign(personId: string, kind: MailKind): string {
    const body = Buffer.from(`${personId}:${kind}`).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The person and kind, or null for anything forged, truncated or malformed. */
  verify(token: unknown): { personId: string; kind: MailKind } | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const [personId, kind] = Buffer.from(body, 'base64url').toString('utf8').split(':');
    if (!isUuid(personId) || !isMailKind(kind ?? '')) return null;
    return { personId, kind: kind as MailKind };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }
}
