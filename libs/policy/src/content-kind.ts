import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Params } from '@plein/core';
import type { EntityManager } from 'typeorm';
import type { Actor } from './actor.js';

/**
 * The content-kind port. Each kind of content (a message, a blog post, a poll, …) is one provider
 * in its own lib that implements `ContentKind` and carries `@ContentKindProvider()`; Nest's
 * discovery collects them into `ContentKinds`. The shared libs (moderation, notifications, realtime
 * replay, insights) iterate over the registered kinds instead of switching on them, so a new kind
 * is new files in its lib plus its registration in the app.
 *
 * Visibility itself is not re-implemented per kind: a kind builds its predicate from
 * `ContentVisibility` (audience, barrier and moderation SQL), so every kind agrees on the rules.
 */

export type ModerationState = 'visible' | 'hidden' | 'removed';

/** A live event as the realtime outbox takes it (structurally `LiveEvent` of @plein/realtime). */
export interface KindLiveEvent {
  audience: string;
  type: string;
  payload: Record<string, unknown>;
}

/** What moderation needs from a reportable kind. */
export interface KindModeration {
  /**
   * The item as a reporter sees it: who it belongs to (the subject of the report) and the group it
   * lives in (its admins moderate it). Null when the actor may not see it, or it is not visible:
   * reports and moderation answer NOT_FOUND then.
   */
  resolve(actor: Actor, id: string): Promise<{ subjectId: string | null; groupId: string | null } | null>;
  /** The current state, the row locked in the caller's transaction; null when the item is gone. */
  state(em: EntityManager, id: string): Promise<ModerationState | null>;
  /**
   * What "hide", "remove" and "put back" mean for this kind: writes the new state and reason (in
   * the caller's transaction) and queues the live events that drop the item from open screens (or
   * bring it back). Answers what the audit should keep beyond the states (a removed profile's text).
   */
  apply(em: EntityManager, id: string, change: { from: ModerationState; to: ModerationState; reason: string | null }, live: KindLiveEvent[]): Promise<Record<string, unknown> | void>;
  /**
   * An overturned removal: put the item back, with what the removal snapshot kept when `apply`
   * cleared it. Kinds without a snapshot leave this out (moderation then applies 'visible').
   */
  restoreRemoved?(em: EntityManager, id: string, snapshot: Record<string, unknown> | null, live: KindLiveEvent[]): Promise<boolean>;
  /** The words the moderator decides on, as written, even when hidden or removed; null when it has none. */
  originalText(id: string): Promise<string | null>;
}

/** One notification kind a content kind raises, with the plain-English summary for API clients. */
export interface KindNotification {
  /** The stored kind (notifications.kind), e.g. 'poll_closed'. */
  kind: string;
  /** "… liked your message" (after the actors' names), or the whole sentence when impersonal. */
  summary: string;
  /** Names nobody (the summary is the whole sentence). */
  impersonal?: boolean;
  /** The group_key prefix that names the subject (blog-post:<id>), shown to clients as `subject`. */
  subjectPrefix?: string;
}

export interface KindNotifications {
  raises: readonly KindNotification[];
  /**
   * SQL over a `notifications` row aliased `n`: true while the notification's subject is still
   * visible to the actor (true for notifications about something else). Appends its parameters.
   */
  stillVisibleSql?(actor: Actor, p: Params): Promise<string>;
}

export interface KindLive {
  /** The socket events this kind emits (event name → what it means), for the web app and the docs. */
  emits: Readonly<Record<string, string>>;
  /**
   * SQL over a `realtime_events` row aliased `e`: true when this event must not replay to the actor
   * any more (the item was deleted, or moderation took it down since). `me` is the actor's id
   * parameter; `moderator` whether the actor moderates (the one moderator-visibility rule).
   */
  replayBlockedSql?(me: string, moderator: boolean): string;
}

/** A weekly figure the insights rollup takes (aggregates only; $1 is the first instant counted). */
export interface KindInsight {
  /** The rollup metric name, e.g. 'poll_votes'. */
  metric: string;
  description: string;
  /** `SELECT week (date), value, population FROM … WHERE … >= $1 GROUP BY 1` (population 0 when it means nothing). */
  weeklySql: string;
}

export interface ContentKind {
  /** The stored item type (moderation item_type, reports), e.g. 'message', 'poll'. */
  readonly name: string;
  /** The yes/no: may the actor see this item now (audience, barriers, moderation, deletion)? */
  canSee(actor: Actor, id: string, em?: EntityManager): Promise<boolean>;
  /** The list form: SQL over the kind's table aliased `alias`, the same rule as canSee. Appends its parameters. */
  visibleSql?(actor: Actor, p: Params, alias: string): Promise<string>;
  readonly moderation?: KindModeration;
  readonly notifications?: KindNotifications;
  readonly live?: KindLive;
  readonly insights?: readonly KindInsight[];
}

/** Marks a provider as a content kind: `@ContentKindProvider() @Injectable() class PollKind implements ContentKind`. */
export const ContentKindProvider = DiscoveryService.createDecorator<void>();

/**
 * The registered kinds, discovered once (after the app's modules are built) from every provider
 * marked with `@ContentKindProvider()`. Order: registration order, which callers must not rely on.
 */
@Injectable()
export class ContentKinds {
  private byName: Map<string, ContentKind> | null = null;

  constructor(private readonly discovery: DiscoveryService) {}

  private load(): Map<string, ContentKind> {
    if (this.byName) return this.byName;
    const map = new Map<string, ContentKind>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: ContentKindProvider.KEY })) {
      const kind = wrapper.instance as ContentKind | undefined;
      if (!kind?.name) continue;
      const known = map.get(kind.name);
      if (known && known !== kind) throw new Error(`Two content kinds are registered as "${kind.name}".`);
      map.set(kind.name, kind);
    }
    this.byName = map;
    return map;
  }

  all(): ContentKind[] {
    return [...this.load().values()];
  }

  get(name: string): ContentKind | undefined {
    return this.load().get(name);
  }

  /** The kinds people can report, and moderators hide or remove. */
  reportable(): (ContentKind & { moderation: KindModeration })[] {
    return this.all().filter((k): k is ContentKind & { moderation: KindModeration } => !!k.moderation);
  }

  /** The kind's moderation, or null when it is not a registered reportable kind. */
  moderationOf(name: string): KindModeration | null {
    return this.get(name)?.moderation ?? null;
  }

  notificationKinds(): KindNotification[] {
    return this.all().flatMap((k) => k.notifications?.raises ?? []);
  }

  insights(): KindInsight[] {
    return this.all().flatMap((k) => k.insights ?? []);
  }
}
