import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { CampaignCluster, groupCampaigns } from '../../components/CampaignCluster.js';
import { Composer } from '../../components/Composer.js';
import { FeaturedPosts } from '../blogs/Blogs.js';
import { MessageCard } from '../../components/MessageCard.js';
import { ErrorState } from '../../components/States.js';
import { FeedSkeleton } from '../../components/Skeleton.js';
import { Suggestions } from '../../components/Suggestions.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { MessageCardFields, type MessageData } from '../../lib/messages.js';
import { useLive } from '../../lib/socket.js';
import { graphql } from '../../lib/gql.js';

type Tab = 'homeFeed' | 'companyFeed';
const FEEDS = {
  homeFeed: graphql(`query HomeFeed($after: String) { homeFeed(first: 20, after: $after) { edges { cursor node { ...MessageCardFields } } pageInfo { hasNextPage endCursor } } }`, [MessageCardFields]),
  companyFeed: graphql(`query CompanyFeed($after: String) { companyFeed(first: 20, after: $after) { edges { cursor node { ...MessageCardFields } } pageInfo { hasNextPage endCursor } } }`, [MessageCardFields]),
};

interface LiveMessage {
  id: string;
  authorId: string;
  rootId: string | null;
  likeCount?: number;
  replyCount?: number;
  reshareCount?: number;
}

/** The home screen: composer, a timeline with infinite scroll, and live updates. */
export function HomePage() {
  const { t } = useI18n();
  const { person } = useAuth();
  const client = useClient();
  const [tab, setTab] = useState<Tab>('companyFeed');
  const [items, setItems] = useState<MessageData[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [fresh, setFresh] = useState(0);
  const sentinel = useRef<HTMLDivElement | null>(null);
  const loadingMore = useRef(false);

  const load = useCallback(
    async (after: string | null) => {
      const res = tab === 'homeFeed' ? await client.query(FEEDS.homeFeed, { after }, { requestPolicy: 'network-only' }).toPromise() : await client.query(FEEDS.companyFeed, { after }, { requestPolicy: 'network-only' }).toPromise();
      if (res.error || !res.data) {
        if (!after) setState('error');
        return;
      }
      const page = 'homeFeed' in res.data ? res.data.homeFeed : res.data.companyFeed;
      setItems((prev) => {
        const base = after ? prev : [];
        const seen = new Set(base.map((m) => m.id));
        return [...base, ...page.edges.map((e) => e.node).filter((m) => !seen.has(m.id))];
      });
      setCursor(page.pageInfo.endCursor);
      setHasMore(page.pageInfo.hasNextPage);
      setState('ready');
    },
    [client, tab],
  );

  useEffect(() => {
    setState('loading');
    setFresh(0);
    void load(null);
  }, [load]);

  // Infinite scroll: load the next page when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !loadingMore.current) {
        loadingMore.current = true;
        void load(cursor).finally(() => (loadingMore.current = false));
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [cursor, hasMore, load]);

  useLive<LiveMessage>(
    'message.created',
    useCallback(
      (m) => {
        if (m.rootId) return; // replies show in their thread
        if (m.authorId === person?.id) return; // my own post is already on screen
        setFresh((n) => n + 1);
      },
      [person?.id],
    ),
  );
  useLive<LiveMessage>(
    'message.updated',
    useCallback((m) => {
      const patch = (x: MessageData): MessageData =>
        x.id === m.id ? { ...x, likeCount: m.likeCount ?? x.likeCount, replyCount: m.replyCount ?? x.replyCount, reshareCount: m.reshareCount ?? x.reshareCount } : x;
      // A reshare shows its original's counts: they move with the original.
      setItems((prev) => prev.map((x) => (x.original?.id === m.id ? { ...x, original: patch(x.original) } : patch(x))));
    }, []),
  );
  // Moderation put a hidden message back: offer to refresh, as for a new one.
  useLive<LiveMessage>('message.restored', useCallback((m) => !m.rootId && setFresh((n) => n + 1), []));
  useLive<{ id: string }>(
    'message.deleted',
    useCallback((m) => setItems((prev) => prev.filter((x) => x.id !== m.id && x.original?.id !== m.id)), []),
  );

  // My own post or reshare shows at once; the live event for it may already have brought it.
  const prepend = useCallback((m: MessageData) => setItems((prev) => [m, ...prev.filter((x) => x.id !== m.id)]), []);
  const remove = useCallback((id: string) => setItems((prev) => prev.filter((x) => x.id !== id)), []);

  return (
    <>
      <FeaturedPosts />
      <Composer onPosted={prepend} />
      <Suggestions />
      <div className="tabs" role="tablist" aria-label={t('feed.tabs')}>
        {(['companyFeed', 'homeFeed'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'tab tab-active' : 'tab'} onClick={() => setTab(k)}>
            {k === 'homeFeed' ? t('feed.following') : t('feed.everyone')}
          </button>
        ))}
      </div>
      {fresh > 0 && (
        <button type="button" className="new-banner" onClick={() => { setFresh(0); void load(null); window.scrollTo(0, 0); }}>
          {t('feed.new', { count: fresh })}
        </button>
      )}
      <section aria-label={tab === 'homeFeed' ? t('feed.following') : t('feed.everyone')} aria-busy={state === 'loading'} className="feed">
        {state === 'loading' && <FeedSkeleton />}
        {state === 'error' && <ErrorState onRetry={() => void load(null)} />}
        {state === 'ready' && items.length === 0 && (
          <div className="state">
            <p>{t('home.empty')}</p>
            {tab === 'homeFeed' && <button type="button" className="button-quiet" onClick={() => setTab('companyFeed')}>{t('home.emptyEveryone')}</button>}
          </div>
        )}
        {groupCampaigns(items).map((entry) =>
          entry.kind === 'campaign' ? (
            <CampaignCluster key={`campaign:${entry.campaignId}`} entry={entry} onDeleted={remove} onReshared={prepend} />
          ) : (
            <MessageCard key={entry.message.id} message={entry.message} onDeleted={remove} onReshared={prepend} />
          ),
        )}
        {state === 'ready' && hasMore && (
          <div ref={sentinel}>
            <button type="button" className="button-quiet" onClick={() => void load(cursor)}>
              {t('feed.more')}
            </button>
          </div>
        )}
        {state === 'ready' && !hasMore && items.length > 0 && <p className="muted small">{t('feed.end')}</p>}
      </section>
    </>
  );
}
