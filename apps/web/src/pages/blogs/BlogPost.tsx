import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useClient, useMutation } from 'urql';
import { Icon } from '../../components/Icons.js';
import { RelativeTime } from '../../components/RelativeTime.js';
import { ReportForm } from '../../components/ReportDialog.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { errorText } from '../../lib/errors.js';
import { graphql } from '../../lib/gql.js';
import { useI18n } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';
import { BlogComments } from './BlogComments.js';
import { BlogPostFigures } from './BlogPostFigures.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { isFeatured } from './fragments.js';
import { ModerationNotice } from './ModerationNotice.js';
import { POST, type Post } from './post-query.js';
import './blogs.css';

const SUBSCRIBE = graphql(`mutation SubscribeToBlog($id: ID!) { subscribeToBlog(blogId: $id) { id subscribedByMe } }`);
const UNSUBSCRIBE = graphql(`mutation UnsubscribeFromBlog($id: ID!) { unsubscribeFromBlog(blogId: $id) { id subscribedByMe } }`);
const READ = graphql(`mutation RecordBlogRead($id: ID!, $completed: Boolean!) { recordRead(postId: $id, completed: $completed) }`);
const LIKE = graphql(`mutation LikeBlogPost($id: ID!) { likeBlogPost(id: $id) { id likeCount likedByMe } }`);
const UNLIKE = graphql(`mutation UnlikeBlogPost($id: ID!) { unlikeBlogPost(id: $id) { id likeCount likedByMe } }`);
const FEATURE = graphql(`mutation FeatureBlogPost($id: ID!, $until: DateTime) { featureBlogPost(id: $id, until: $until) { id featuredFrom featuredUntil } }`);
const UNPUBLISH = graphql(`mutation UnpublishBlogPost($id: ID!) { unpublishBlogPost(id: $id) { id status } }`);
const PUBLISH = graphql(`mutation RepublishBlogPost($id: ID!) { publishBlogPost(id: $id) { id status } }`);

/** How long a post is featured, in days (the server allows up to 90). */
const FEATURE_DAYS = [7, 14, 30] as const;

export function BlogPostPage({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const { person } = useAuth();
  const [post, setPost] = useState<Post | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [reporting, setReporting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [featureDays, setFeatureDays] = useState<number>(FEATURE_DAYS[0]);
  const [gone, setGone] = useState(false);
  const [, subscribe] = useMutation(SUBSCRIBE);
  const [, unsubscribe] = useMutation(UNSUBSCRIBE);
  const [, read] = useMutation(READ);
  const [, like] = useMutation(LIKE);
  const [, unlike] = useMutation(UNLIKE);
  const [, feature] = useMutation(FEATURE);
  const [, unpublish] = useMutation(UNPUBLISH);
  const [, publish] = useMutation(PUBLISH);
  const liking = useRef(false);
  const end = useRef<HTMLDivElement | null>(null);

  // Live events and my own actions each reload the page: only the newest answer counts (an older
  // one arriving late would put back what, say, marking an answer just changed).
  const latest = useRef(0);
  const load = useCallback(async () => {
    const request = ++latest.current;
    const res = await client.query(POST, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (request !== latest.current) return;
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setPost(res.data.blogPost);
  }, [client, id, t]);
  const published = post?.status === 'PUBLISHED';
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (published) void read({ id, completed: false });
  }, [published, read, id]);
  // Read-through: the reader reached the end of the post.
  useEffect(() => {
    const el = end.current;
    if (!el || !published) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        void read({ id, completed: true });
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [post?.id, published, read, id]);
  useLive<{ postId?: string }>('blog.comment.created', useCallback((e) => e.postId === id && void load(), [id, load]));
  // An answer marked or unmarked, a comment liked: the page shows it.
  useLive<{ postId?: string }>('blog.comment.updated', useCallback((e) => e.postId === id && void load(), [id, load]));
  // Someone else liked it: the count moves (my own pending like keeps its optimistic state).
  useLive<{ id: string; likeCount?: number }>(
    'blog.post.updated',
    useCallback((e) => {
      if (e.id !== id || typeof e.likeCount !== 'number' || liking.current) return;
      setPost((p) => p && { ...p, likeCount: e.likeCount! });
    }, [id]),
  );
  useLive<{ id: string }>('blog.post.featured', useCallback((e) => e.id === id && void load(), [id, load]));
  // Moderation took a comment down: it leaves the open page at once (its author keeps it, marked).
  useLive<{ id: string; postId: string; authorId?: string }>(
    'blog.comment.removed',
    useCallback((e) => e.postId === id && void load(), [id, load]),
  );
  useLive<{ id: string; authorId?: string }>(
    'blog.post.removed',
    // Without an author id it is an audience change: ask again whether this reader still may read it.
    useCallback((e) => e.id === id && (!e.authorId || e.authorId === person?.id ? void load() : setGone(true)), [id, load, person?.id]),
  );

  if (gone) return <p className="card state">{t('blogs.gone')}</p>;
  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!post) return <Loading />;

  async function toggleLike() {
    if (!post || liking.current) return;
    const before = { likeCount: post.likeCount, likedByMe: post.likedByMe };
    // Optimistic: the heart and the count change at once; the server's answer settles them.
    setPost({ ...post, likedByMe: !before.likedByMe, likeCount: before.likeCount + (before.likedByMe ? -1 : 1) });
    liking.current = true;
    const res = await (before.likedByMe ? unlike({ id: post.id }) : like({ id: post.id }));
    liking.current = false;
    const saved = res.data && ('likeBlogPost' in res.data ? res.data.likeBlogPost : res.data.unlikeBlogPost);
    if (res.error || !saved) {
      setPost((p) => p && { ...p, ...before });
      return setActionError(errorText(t, res.error));
    }
    setPost((p) => p && { ...p, likeCount: saved.likeCount, likedByMe: saved.likedByMe });
  }

  async function setFeatured(on: boolean) {
    if (!post) return;
    setActionError(null);
    const until = on ? new Date(Date.now() + featureDays * 24 * 3600_000).toISOString() : null;
    const res = await feature({ id: post.id, until });
    if (res.error || !res.data) return setActionError(errorText(t, res.error));
    const f = res.data.featureBlogPost;
    setPost((p) => p && { ...p, featuredFrom: f.featuredFrom, featuredUntil: f.featuredUntil });
  }

  async function doUnpublish() {
    if (!post) return;
    setConfirming(false);
    setActionError(null);
    const res = await unpublish({ id: post.id });
    if (res.error) return setActionError(errorText(t, res.error));
    await load();
  }

  async function doPublish() {
    if (!post) return;
    setActionError(null);
    const res = await publish({ id: post.id });
    if (res.error) return setActionError(errorText(t, res.error));
    await load();
  }

  const featured = isFeatured(post);
  const mine = post.author.id === person?.id;
  return (
    <>
      <article className="card post" aria-labelledby="post-title">
        {post.coverUrl && <img className="cover post-cover" src={post.coverUrl} alt="" />}
        {featured && <span className="badge featured-badge" data-testid="featured-badge">{t('blogs.featuredBadge')}</span>}
        <h1 id="post-title">{post.title}</h1>
        <p className="muted small">
          <FormattedMessage id="blogs.by" values={{ name: <Link href={`/people/${post.author.id}`}>{post.author.displayName}</Link> }} />
          {post.publishedAt && <> · <RelativeTime value={post.publishedAt} /></>}
        </p>
        {!published && <p className="notice small" role="note">{t(post.status === 'SCHEDULED' ? 'blogs.status.scheduled' : 'blogs.status.draft')}</p>}
        <ModerationNotice state={post.moderationState} reason={post.moderationReason} decision={post.moderationAction} />
        {/* Sanitised on the server with an allowlist when it was saved. */}
        {post.moderationState === 'removed' ? (
          <p className="blog-body muted">{t('moderation.removedContent')}</p>
        ) : (
          <div className="blog-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        )}
        {post.tags.length > 0 && <p className="hashtag small">{post.tags.map((x) => `#${x}`).join(' ')}</p>}
        <div ref={end} />
        {published && post.moderationState === 'visible' && (
          <div className="row-actions post-actions" role="group" aria-label={t('blogs.actions')}>
            <button type="button" className="button-quiet" aria-pressed={post.likedByMe} onClick={() => void toggleLike()}>
              <Icon name="heart" filled={post.likedByMe} /> <span className="sr-only">{post.likedByMe ? t('message.unlike') : t('message.like')}</span>
              <span data-testid="like-count">{post.likeCount}</span>
              <span className="sr-only"> {t('blogs.likes', { count: post.likeCount })}</span>
            </button>
            <button type="button" className="button-quiet" onClick={() => void (post.blog.subscribedByMe ? unsubscribe({ id: post.blog.id }) : subscribe({ id: post.blog.id })).then(load)}>
              {post.blog.subscribedByMe ? t('blogs.unsubscribe') : t('blogs.subscribe')}
            </button>
            {!mine && (
              <button type="button" className="button-quiet" aria-expanded={reporting} onClick={() => setReporting(!reporting)}>
                {t('report.button')}
              </button>
            )}
          </div>
        )}
        {reporting && <ReportForm itemType="BLOG_POST" itemId={post.id} onClose={() => setReporting(false)} />}
        {(post.viewerCan.edit || post.viewerCan.feature) && (
          <div className="manage" role="group" aria-label={t('blogs.manage')}>
            {post.viewerCan.edit && (
              <>
                <Link href={`/blogs/${post.id}/edit`} className="button-like button-quiet">
                  {t('blogs.edit')}
                </Link>
                {published ? (
                  <button type="button" className="button-quiet" onClick={() => setConfirming(true)}>
                    {t('blogs.unpublish')}
                  </button>
                ) : (
                  <button type="button" onClick={() => void doPublish()}>
                    {t('blogs.publish')}
                  </button>
                )}
              </>
            )}
            {post.viewerCan.feature &&
              (featured ? (
                <button type="button" className="button-quiet" onClick={() => void setFeatured(false)}>
                  {t('blogs.unfeature')}
                </button>
              ) : (
                <span className="feature-control">
                  <label htmlFor="feature-days" className="sr-only">{t('blogs.featureFor')}</label>
                  <select id="feature-days" value={featureDays} onChange={(e) => setFeatureDays(Number(e.target.value))}>
                    {FEATURE_DAYS.map((d) => (
                      <option key={d} value={d}>{t('blogs.featureDays', { count: d })}</option>
                    ))}
                  </select>
                  <button type="button" className="button-quiet" onClick={() => void setFeatured(true)}>
                    {t('blogs.feature')}
                  </button>
                </span>
              ))}
          </div>
        )}
        {actionError && (
          <p className="error" role="alert">
            {actionError}
          </p>
        )}
        {post.viewerCan.seeStats && published && <BlogPostFigures postId={post.id} commentCount={post.commentCount} />}
      </article>
      {published && <BlogComments post={post} reload={load} />}
      <ConfirmDialog
        open={confirming}
        title={t('blogs.unpublishConfirm.title')}
        text={t('blogs.unpublishConfirm.text')}
        confirm={t('blogs.unpublishConfirm.yes')}
        onConfirm={() => void doUnpublish()}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
