import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { CampaignCluster, groupCampaigns } from '../../components/CampaignCluster.js';
import { Composer } from '../../components/Composer.js';
import { MessageCard } from '../../components/MessageCard.js';
import { ErrorState } from '../../components/States.js';
import { FeedSkeleton } from '../../components/Skeleton.js';
import { Suggestions } from '../../components/Suggestions.js';
import { useI18n } from '../../lib/i18n.js';
import { MessageCardFields, type MessageData } from '../../lib/messages.js';
import { useFreshMessages } from '../../lib/live-cache.js';
import { graphql } from '../../lib/gql.js';

// Featured blog posts come with the blogs' chunk, after the feed: not in the first screen's bundle.
const FeaturedPosts = lazy(() => import('../blogs/FeaturedPosts.js').then((m) => ({ default: m.FeaturedPosts })));

type Tab = 'homeFeed' | 'companyFeed';
// Pages merge in the cache (relayPagination in lib/cache.ts): with `after` set, the result is every page so far.
const HOME_FEED = graphql(`query HomeFeed($after: String) { homeFeed(first: 20, after: $after) { edges { cursor node { ...MessageCardFields } } pageInfo { hasNextPage endCursor } } }`, [MessageCardFields]);
const COMPANY_FEED = graphql(`query CompanyFeed($after: String) { companyFeed(first: 20, after: $after) { edges { cursor node { ...MessageCardFields } } pageInfo { hasNextPage endCursor } } }`, [MessageCardFields]);

/**
 * The home screen: composer, a timeline with infinite scroll, and live updates. The feed is read
 * from the normalised cache: coming back from a thread or a profile shows it at once, with what
 * was done there (a like, a reshare), without fetching it again. Live counts and deletions reach
 * the cache app-wide (lib/live-cache.tsx); new messages by others are offered with a banner.
 */
export function HomePage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('companyFeed');
  const [after, setAfter] = useState<string | null>(null);
  const client = useClient();
  const [home] = useQuery({ query: HOME_FEED, variables: { after }, pause: tab !== 'homeFeed' });
  const [company] = useQuery({ query: COMPANY_FEED, variables: { after }, pause: tab !== 'companyFeed' });
  const { error, fetching, operation } = tab === 'homeFeed' ? home : company;
  const page = tab === 'homeFeed' ? home.data?.homeFeed : company.data?.companyFeed;
  const { fresh, reset } = useFreshMessages();
  // A first page fetched from the server has what the "new messages" banner counted so far.
  const fetchedFirstPage = !!page && !after && operation?.context.meta?.cacheOutcome === 'miss';
  useEffect(() => {
    if (fetchedFirstPage) reset();
  }, [fetchedFirstPage, reset]);
  const sentinel = useRef<HTMLDivElement | null>(null);
  const items: MessageData[] = page?.edges.map((e) => e.node) ?? [];
  const hasMore = !!page?.pageInfo.hasNextPage;
  const cursor = page?.pageInfo.endCursor ?? null;
  const state: 'loading' | 'ready' | 'error' = page ? 'ready' : error ? 'error' : 'loading';

  const more = useCallback(() => {
    if (!fetching && cursor) setAfter(cursor);
  }, [fetching, cursor]);
  // Show what is new: the first page again from the server, as asked (the pages after it stay in the cache).
  const refresh = useCallback(() => {
    reset();
    // network-only: the person asked for what is new.
    void client.query(tab === 'homeFeed' ? HOME_FEED : COMPANY_FEED, { after: null }, { requestPolicy: 'network-only' }).toPromise();
  }, [reset, client, tab]);

  // Infinite scroll: load the next page when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) more();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, more]);

  // My own post or reshare is put first in the cached feeds by the cache's updates (lib/cache.ts).
  const noop = useCallback(() => undefined, []);
  const chooseTab = (k: Tab) => {
    setAfter(null);
    setTab(k);
  };

  return (
    <>
      <Suspense fallback={null}>
        <FeaturedPosts />
      </Suspense>
      <Composer onPosted={noop} />
      <Suggestions />
      <div className="tabs" role="tablist" aria-label={t('feed.tabs')}>
        {(['companyFeed', 'homeFeed'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'tab tab-active' : 'tab'} onClick={() => chooseTab(k)}>
            {k === 'homeFeed' ? t('feed.following') : t('feed.everyone')}
          </button>
        ))}
      </div>
      {fresh > 0 && (
        <button type="button" className="new-banner" onClick={() => { refresh(); window.scrollTo(0, 0); }}>
          {t('feed.new', { count: fresh })}
        </button>
      )}
      <section aria-label={tab === 'homeFeed' ? t('feed.following') : t('feed.everyone')} aria-busy={state === 'loading'} className="feed">
        {state === 'loading' && <FeedSkeleton />}
        {state === 'error' && <ErrorState onRetry={refresh} />}
        {state === 'ready' && items.length === 0 && (
          <div className="state">
            <p>{t('home.empty')}</p>
            {tab === 'homeFeed' && <button type="button" className="button-quiet" onClick={() => chooseTab('companyFeed')}>{t('home.emptyEveryone')}</button>}
          </div>
        )}
        {groupCampaigns(items).map((entry) =>
          entry.kind === 'campaign' ? (
            <CampaignCluster key={`campaign:${entry.campaignId}`} entry={entry} />
          ) : (
            <MessageCard key={entry.message.id} message={entry.message} />
          ),
        )}
        {state === 'ready' && hasMore && (
          <div ref={sentinel}>
            <button type="button" className="button-quiet" onClick={more}>
              {t('feed.more')}
            </button>
          </div>
        )}
        {state === 'ready' && !hasMore && items.length > 0 && <p className="muted small">{t('feed.end')}</p>}
      </section>
    </>
  );
}
