import { Injectable } from '@nestjs/common';
import type { LoaderFactory } from '@plein/core';
import { FollowsService } from './follows.service.js';

/** personId → follower and following counts, one query per batch. */
@Injectable()
export class FollowCountsLoader implements LoaderFactory<string, { followers: number; following: number }> {
  constructor(private readonly follows: FollowsService) {}
  async load(ids: readonly string[]) {
    const counts = await this.follows.counts(ids);
    return ids.map((id) => counts.get(id) ?? { followers: 0, following: 0 });
  }
}

/** `${viewerId}:${personId}` → does the viewer follow the person. Keys of one request share the viewer. */
@Injectable()
export class FollowedByLoader implements LoaderFactory<string, boolean> {
  constructor(private readonly follows: FollowsService) {}
  async load(keys: readonly string[]) {
    const byViewer = new Map<string, string[]>();
    for (const key of keys) {
      const [viewer, person] = key.split(':');
      byViewer.set(viewer, [...(byViewer.get(viewer) ?? []), person]);
    }
    const followed = new Set<string>();
    for (const [viewer, people] of byViewer) {
      for (const id of await this.follows.followedBy(viewer, people)) followed.add(`${viewer}:${id}`);
    }
    return keys.map((k) => followed.has(k));
  }
}
