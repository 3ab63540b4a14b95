import { useCallback, useEffect, useState } from 'react';
import { useClient } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { errorText } from '../../lib/errors.js';
import { graphql } from '../../lib/gql.js';
import { useI18n } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';
import { POST_SUMMARY, type PostSummary } from './fragments.js';
import { MyPosts } from './MyPosts.js';
import { PostItem } from './PostItem.js';

const LIST = graphql(
  `query BlogsList($q: String!, $searching: Boolean!) {
    featuredPosts { ...BlogPostSummary }
    blogPosts(first: 20) @skip(if: $searching) { edges { node { ...BlogPostSummary } } }
    searchBlogPosts(query: $q, first: 20) @include(if: $searching) { edges { node { ...BlogPostSummary } } }
  }`,
  [POST_SUMMARY],
);

/** All posts the reader may read, newest first, featured ones on top; a search over titles, tags and text. */
export function BlogsPage() {
  const { t } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [data, setData] = useState<{ featured: PostSummary[]; posts: PostSummary[] } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(async () => {
      const q = query.trim();
      const res = await client.query(LIST, { q: q || 'x', searching: q.length > 0 }, { requestPolicy: 'network-only' }).toPromise();
      if (!current) return;
      if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
      setFailed(null);
      setData({ featured: res.data.featuredPosts, posts: (res.data.searchBlogPosts ?? res.data.blogPosts)?.edges.map((e) => e.node) ?? [] });
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, query, t]);
  // A post taken down by moderation (or unpublished) leaves the open list at once.
  useLive<{ id: string }>(
    'blog.post.removed',
    useCallback((e) => setData((d) => d && { featured: d.featured.filter((p) => p.id !== e.id), posts: d.posts.filter((p) => p.id !== e.id) }), []),
  );
  return (
    <>
      <section className="card" aria-labelledby="blogs-title">
        <div className="row-between">
          <h1 id="blogs-title">{t('blogs.title')}</h1>
          <Link href="/blogs/write" className="button-like button-quiet">
            {t('blogs.write')}
          </Link>
        </div>
        <label htmlFor="blogs-q" className="sr-only">
          {t('blogs.search')}
        </label>
        <input id="blogs-q" type="search" placeholder={t('blogs.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </section>
      {failed && <ErrorState message={failed} />}
      {!data && !failed && <Loading />}
      {data && data.featured.length > 0 && !query && (
        <section className="card featured" aria-labelledby="blogs-featured">
          <h2 id="blogs-featured">{t('blogs.featured')}</h2>
          <ul className="plain post-list">{data.featured.map((p) => <PostItem key={p.id} p={p} />)}</ul>
        </section>
      )}
      {data && !query && <MyPosts />}
      {data && (
        <section className="card" aria-label={t('blogs.title')}>
          {data.posts.length === 0 ? <p className="state">{t('blogs.empty')}</p> : <ul className="plain post-list">{data.posts.map((p) => <PostItem key={p.id} p={p} />)}</ul>}
        </section>
      )}
    </>
  );
}
