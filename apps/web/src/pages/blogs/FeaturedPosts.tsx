import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { graphql } from '../../lib/gql.js';
import { useI18n } from '../../lib/i18n.js';
import { POST_SUMMARY, type PostSummary } from './fragments.js';
import { PostItem } from './PostItem.js';

const FEATURED = graphql(`query FeaturedPosts { featuredPosts { ...BlogPostSummary } }`, [POST_SUMMARY]);

/** Posts communications staff featured, at the top of the home page (nothing when there are none). */
export function FeaturedPosts() {
  const { t } = useI18n();
  const client = useClient();
  const [posts, setPosts] = useState<PostSummary[]>([]);
  useEffect(() => {
    void client.query(FEATURED, {}).toPromise().then((r) => r.data && setPosts(r.data.featuredPosts));
  }, [client]);
  if (posts.length === 0) return null;
  return (
    <section className="card featured" aria-labelledby="featured-title">
      <h2 id="featured-title">{t('blogs.featured')}</h2>
      <ul className="plain post-list">{posts.map((p) => <PostItem key={p.id} p={p} />)}</ul>
    </section>
  );
}
