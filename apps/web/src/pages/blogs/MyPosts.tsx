import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { useAuth } from '../../lib/auth.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { useI18n } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';

const MY_BLOG = graphql(`query MyBlog($me: ID!) { personBlog(personId: $me) { id unpublishedPosts { id title status } } }`);
const MY_POSTS = graphql(`query MyBlogPosts($blogId: ID!) { blogPosts(blogId: $blogId, first: 10) { edges { node {
  id title readerCount commentCount likeCount
} } } }`);

type Published = ResultOf<typeof MY_POSTS>['blogPosts']['edges'][number]['node'];
type Unpublished = NonNullable<ResultOf<typeof MY_BLOG>['personBlog']>['unpublishedPosts'][number];

/** The reader's own posts with their figures (how many read and commented; never who), and their drafts. */
export function MyPosts() {
  const { t } = useI18n();
  const client = useClient();
  const { person } = useAuth();
  const [posts, setPosts] = useState<{ published: Published[]; unpublished: Unpublished[] } | null>(null);
  useEffect(() => {
    if (!person) return;
    let current = true;
    void (async () => {
      const blog = (await client.query(MY_BLOG, { me: person.id }, { requestPolicy: 'network-only' }).toPromise()).data?.personBlog;
      if (!blog) return;
      const list = (await client.query(MY_POSTS, { blogId: blog.id }, { requestPolicy: 'network-only' }).toPromise()).data?.blogPosts.edges.map((e) => e.node) ?? [];
      if (current) setPosts({ published: list, unpublished: blog.unpublishedPosts });
    })();
    return () => {
      current = false;
    };
  }, [client, person]);
  if (!posts || posts.published.length + posts.unpublished.length === 0) return null;
  return (
    <section className="card" aria-labelledby="my-posts-title" data-testid="my-posts">
      <h2 id="my-posts-title">{t('blogs.mine.title')}</h2>
      <ul className="plain my-posts">
        {posts.unpublished.map((p) => (
          <li key={p.id}>
            <Link href={`/blogs/${p.id}`}>{p.title}</Link> <span className="badge">{t(p.status === 'SCHEDULED' ? 'blogs.mine.scheduled' : 'blogs.mine.draft')}</span>
          </li>
        ))}
        {posts.published.map((p) => (
          <li key={p.id}>
            <Link href={`/blogs/${p.id}`}>{p.title}</Link>
            <span className="muted small my-post-figures" data-testid="my-post-figures">
              {t('blogs.mine.figures', { readers: p.readerCount ?? 0, comments: p.commentCount, likes: p.likeCount })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
