import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { MessageCard } from '../../components/MessageCard.js';
import { FeedSkeleton } from '../../components/Skeleton.js';
import { ErrorState } from '../../components/States.js';
import { useI18n } from '../../lib/i18n.js';
import { MessageCardFields, type FeedPage, type MessageData } from '../../lib/messages.js';
import { useLive } from '../../lib/socket.js';
import { errorText } from '../../lib/errors.js';
import { graphql } from '../../lib/gql.js';

const FEED = graphql(`query Hashtag($tag: String!, $after: String) { hashtagFeed(tag: $tag, first: 20, after: $after) {
  edges { cursor node { ...MessageCardFields } } pageInfo { hasNextPage endCursor } } }`, [MessageCardFields]);


/** /hashtags/:tag: every message with this hashtag that I may see, newest first; new ones arrive live. */
export function HashtagPage({ tag: given }: { tag: string }) {
  const { t } = useI18n();
  const client = useClient();
  const tag = given.replace(/^#/, '').normalize('NFC').toLowerCase();
  const [items, setItems] = useState<MessageData[] | null>(null);
  const [page, setPage] = useState<FeedPage['pageInfo'] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      // network-only: also run when a live event says a message with this tag arrived (the event has no card).
      const res = await client.query(FEED, { tag, after }, { requestPolicy: 'network-only' }).toPromise();
      if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
      setFailed(null);
      const more = res.data.hashtagFeed.edges.map((e) => e.node);
      setItems((prev) => {
        if (!after || !prev) return more;
        const seen = new Set(prev.map((m) => m.id));
        return [...prev, ...more.filter((m) => !seen.has(m.id))];
      });
      setPage(res.data.hashtagFeed.pageInfo);
    },
    [client, tag, t],
  );
  useEffect(() => void load(null), [load]);

  // A new message with this tag: fetch the first page again (it comes first, newest first).
  useLive(
    'message.created',
    useCallback(
      (m) => {
        if (m.entities?.hashtags?.some((h) => h.tag === tag)) void load(null);
      },
      [tag, load],
    ),
  );
  useLive(
    'message.updated',
    useCallback((m) => {
      setItems((prev) => prev && prev.map((x) => (x.id === m.id ? { ...x, likeCount: m.likeCount ?? x.likeCount, replyCount: m.replyCount ?? x.replyCount } : x)));
    }, []),
  );
  useLive('message.deleted', useCallback((m) => setItems((prev) => prev && prev.filter((x) => x.id !== m.id)), []));

  return (
    <>
      <section className="card page-head" aria-labelledby="hashtag-title">
        <h1 id="hashtag-title">#{tag}</h1>
        <p className="muted small">{t('hashtag.intro')}</p>
      </section>
      <section className="feed" aria-label={t('hashtag.feed', { tag })} aria-busy={items === null}>
        {failed && <ErrorState message={failed} onRetry={() => void load(null)} />}
        {!failed && items === null && <FeedSkeleton />}
        {items?.length === 0 && <p className="state">{t('hashtag.empty')}</p>}
        {items?.map((m) => <MessageCard key={m.id} message={m} onDeleted={(id) => setItems((prev) => prev && prev.filter((x) => x.id !== id))} />)}
        {page?.hasNextPage && (
          <button type="button" className="button-quiet" onClick={() => void load(page.endCursor)}>
            {t('feed.more')}
          </button>
        )}
      </section>
    </>
  );
}
