import type { MailKind } from './mail-kinds.js';
import type { UnsubscribeTokens } from './unsubscribe-token.js';

/** Links into the web app (apps/web routes) and to the public unsubscribe endpoint. */
export class MailLinks {
  constructor(
    readonly base: string,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  home = (): string => `${this.base}/`;
  settings = (): string => `${this.base}/settings/mail`;
  notifications = (): string => `${this.base}/notifications`;
  blogPost = (id: string): string => `${this.base}/blogs/${id}`;
  group = (id: string): string => `${this.base}/groups/${id}`;
  person = (id: string): string => `${this.base}/people/${id}`;
  notice = (id: string): string => `${this.base}/notices/${id}`;
  vacancies = (): string => `${this.base}/vacancies`;
  moderation = (): string => `${this.base}/moderation`;

  /** A message's thread page (the root, its replies and a reply box). */
  message = (id: string): string => `${this.base}/messages/${id}`;

  unsubscribe = (personId: string, kinds: MailKind | readonly MailKind[]): string => `${this.base}/mail/unsubscribe?t=${encodeURIComponent(this.tokens.sign(personId, kinds))}`;
}
