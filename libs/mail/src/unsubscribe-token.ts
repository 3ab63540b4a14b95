import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUuid } from '@plein/core';
import { isMailKind, type MailKind } from './mail-kinds.js';

/**
 * The one-click unsubscribe token in every mail: person and the kinds of mail it carries (one, or
 * each kind batched into a notification mail), signed with a key derived from JWT_SECRET
 * (HMAC-SHA256, truncated to 128 bits). It works without a session, never expires (an old digest's
 * link still unsubscribes) and can do exactly one thing: switch those kinds off.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('plein:mail-unsubscribe:v1').digest();
  }

  sign(personId: string, kinds: MailKind | readonly MailKind[]): string {
    const list = [...new Set(typeof kinds === 'string' ? [kinds] : kinds)].sort();
    const body = Buffer.from(`${personId}:${list.join(',')}`).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The person and kinds (at least one), or null for anything forged, truncated or malformed. */
  verify(token: unknown): { personId: string; kinds: MailKind[] } | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const [personId, list] = Buffer.from(body, 'base64url').toString('utf8').split(':');
    const kinds = (list ?? '').split(',');
    if (!isUuid(personId) || !kinds.every((k) => isMailKind(k))) return null;
    return { personId, kinds: kinds as MailKind[] };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }
}
