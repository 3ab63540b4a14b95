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

  /** A conversation: its group's page for group messages, else the author's page (the web app has no single-message route). */
  conversation = (audience: string, authorId: string): string =>
    audience.startsWith('group:') ? this.group(audience.slice('group:'.length)) : this.person(authorId);

  unsubscribe = (personId: string, kind: MailKind): string => `${this.base}/mail/unsubscribe?t=${encodeURIComponent(this.tokens.sign(personId, kind))}`;
}
