import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { Composer } from '../../components/Composer.js';
import { PinButton } from '../../components/GroupAdmin.js';
import { MessageCard } from '../../components/MessageCard.js';
import { FeedSkeleton } from '../../components/Skeleton.js';
import { useI18n } from '../../lib/i18n.js';
import type { MessageData } from '../../lib/messages.js';
import { useLive } from '../../lib/socket.js';
import { GROUP_FEED, GROUP_MESSAGE, type GroupPageData } from './documents.js';

/** Puts `m` first and drops any other copy of it: a message is on screen once, however it arrived. */
export function withNewest<T extends { id: string }>(items: readonly T[], m: T): T[] {
  return [m, ...items.filter((x) => x.id !== m.id)];
}

/**
 * The group's conversation: pinned messages, the composer (members), and the feed, live.
 * My own post shows as soon as the server has it (from the composer); the live event for the same
 * post, which may come before or after, finds it there by id and adds nothing.
 */
export function GroupConversation({ group, onChanged }: { group: GroupPageData; onChanged: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [items, setItems] = useState<MessageData[] | null>(null);
  const [page, setPage] = useState<{ hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [failed, setFailed] = useState(false);
  const shown = useRef(new Set<string>());
  const canRead = group.viewerCan.read;
  const id = group.id;

  const load = useCallback(async () => {
    const feed = await client.query(GROUP_FEED, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (feed.error || !feed.data) return setFailed(true);
    setFailed(false);
    setItems(feed.data.groupFeed.edges.map((e) => e.node));
    setPage(feed.data.groupFeed.pageInfo);
  }, [client, id]);
  useEffect(() => {
    if (canRead) void load();
    else setItems([]);
  }, [canRead, load]);
  useEffect(() => {
    shown.current = new Set(items?.map((m) => m.id));
  }, [items]);

  // Someone posted in the group: fetch that one message and put it on top (unless it is already there).
  useLive<{ id: string; audience: string; rootId: string | null }>(
    'message.created',
    useCallback(
      (m) => {
        if (m.audience !== group.audience || m.rootId || shown.current.has(m.id)) return;
        void client
          .query(GROUP_MESSAGE, { id: m.id }, { requestPolicy: 'network-only' })
          .toPromise()
          .then((res) => res.data && setItems((prev) => withNewest(prev ?? [], res.data!.message)));
      },
      [client, group.audience],
    ),
  );
  useLive<{ id: string }>('message.deleted', useCallback((m) => setItems((prev) => prev?.filter((x) => x.id !== m.id) ?? prev), []));

  async function more() {
    if (!page?.endCursor) return;
    const feed = await client.query(GROUP_FEED, { id, after: page.endCursor }, { requestPolicy: 'network-only' }).toPromise();
    if (feed.data) {
      const next = feed.data.groupFeed.edges.map((e) => e.node);
      // A page boundary that moved (new posts) must not repeat a message.
      setItems((prev) => [...(prev ?? []), ...next.filter((m) => !prev?.some((x) => x.id === m.id))]);
      setPage(feed.data.groupFeed.pageInfo);
    }
  }

  const pinnedIds = new Set(group.pinned.map((m) => m.id));
  const moderate = group.viewerCan.moderate;
  return (
    <>
      {group.viewerCan.post && <Composer fixedAudience={group.audience} label={t('groups.composer')} onPosted={(m) => setItems((prev) => withNewest(prev ?? [], m))} />}
      {group.pinned.length > 0 && (
        <section className="feed pinned" aria-labelledby="pinned-title">
          <h2 id="pinned-title">{t('groupAdmin.pinned')}</h2>
          {group.pinned.map((m) => (
            <div key={m.id}>
              <MessageCard message={m} showGroup={false} onDeleted={onChanged} />
              {moderate && <PinButton groupId={id} messageId={m.id} pinned onChanged={onChanged} />}
            </div>
          ))}
        </section>
      )}
      <section className="feed" aria-label={t('groups.feed')} aria-busy={canRead && !items}>
        {!canRead && <p className="state">{t('groups.readOnly')}</p>}
        {failed && <p className="error" role="alert">{t('app.error')}</p>}
        {canRead && !items && !failed && <FeedSkeleton />}
        {canRead && items?.length === 0 && <p className="state">{group.viewerCan.post ? t('groups.emptyFirst') : t('groups.emptyJoin')}</p>}
        {items?.map((m) => (
          <div key={m.id}>
            <MessageCard message={m} showGroup={false} onDeleted={(mid) => setItems((prev) => prev?.filter((x) => x.id !== mid) ?? prev)} />
            {moderate && <PinButton groupId={id} messageId={m.id} pinned={pinnedIds.has(m.id)} onChanged={onChanged} />}
          </div>
        ))}
        {page?.hasNextPage && (
          <button type="button" className="button-quiet" onClick={() => void more()}>
            {t('feed.more')}
          </button>
        )}
      </section>
    </>
  );
}
