import { useQuery } from 'urql';
import { useI18n } from '../lib/i18n.js';
import { MessageCardFields } from '../lib/messages.js';
import { Link } from '../lib/router.js';
import { MessageCard } from './MessageCard.js';
import { RelativeTime } from './RelativeTime.js';
import { FeedSkeleton } from './Skeleton.js';
import { graphql } from '../lib/gql.js';

const ACTIVITY = graphql(`query ProfileActivity($id: ID!) {
  personFeed(personId: $id, first: 5) { edges { node { ...MessageCardFields } } }
  person(id: $id) { id groups { id name memberCount } }
  personBlog(personId: $id) { id title }
}`, [MessageCardFields]);
const POSTS = graphql(`query ProfilePosts($blogId: ID!) { blogPosts(blogId: $blogId, first: 5) { edges { node { id title publishedAt commentCount } } } }`);

/** What a person does on Plein, on their profile: their latest messages, their groups and blog posts. */
export function ProfileActivity({ personId }: { personId: string }) {
  const { t } = useI18n();
  const [{ data, error }] = useQuery({ query: ACTIVITY, variables: { id: personId }, requestPolicy: 'cache-and-network' });
  const blogId = data?.personBlog?.id;
  const [{ data: posts }] = useQuery({
    query: POSTS,
    variables: { blogId: blogId ?? '' },
    pause: !blogId,
  });
  if (error) return null;
  if (!data) return <FeedSkeleton count={1} />;
  const messages = data.personFeed.edges.map((e) => e.node);
  const groups = data.person.groups;
  const blogPosts = posts?.blogPosts.edges.map((e) => e.node) ?? [];
  return (
    <>
      <section className="card" aria-labelledby="profile-groups" data-testid="profile-groups">
        <h2 id="profile-groups">{t('profile.groups')}</h2>
        {groups.length === 0 ? (
          <p className="muted">{t('profile.noGroups')}</p>
        ) : (
          <ul className="chips chip-links">
            {groups.map((g) => (
              <li key={g.id}>
                <Link href={`/groups/${g.id}`}>{g.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {blogPosts.length > 0 && (
        <section className="card" aria-labelledby="profile-posts" data-testid="profile-posts">
          <h2 id="profile-posts">{t('profile.blogPosts')}</h2>
          <ul className="plain">
            {blogPosts.map((p) => (
              <li key={p.id}>
                <Link href={`/blogs/${p.id}`}>{p.title}</Link>{' '}
                {p.publishedAt && (
                  <span className="muted small">
                    <RelativeTime value={p.publishedAt} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="feed" aria-labelledby="profile-messages" data-testid="profile-messages">
        <h2 id="profile-messages">{t('profile.recentMessages')}</h2>
        {messages.length === 0 && <p className="muted">{t('profile.noMessages')}</p>}
        {messages.map((m) => (
          <MessageCard key={m.id} message={m} />
        ))}
      </section>
    </>
  );
}
