import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText } from '../../lib/errors.js';
import { useClient, useMutation } from 'urql';
import { AppealAction, type Decision } from '../../components/ModerationDecision.js';
import { ReportForm } from '../../components/ReportDialog.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';
import { Link, navigate } from '../../lib/router.js';
import { FormattedMessage } from 'react-intl';
import { RelativeTime } from '../../components/RelativeTime.js';
import { useLive } from '../../lib/socket.js';

const POST_FIELDS = 'id title tags audience publishedAt commentCount likeCount author { id displayName }';
const LIST = `query Blogs($q: String!, $searching: Boolean!) {
  featuredPosts { ${POST_FIELDS} }
  blogPosts(first: 20) @skip(if: $searching) { edges { node { ${POST_FIELDS} } } }
  searchBlogPosts(query: $q, first: 20) @include(if: $searching) { edges { node { ${POST_FIELDS} } } }
}`;

interface PostSummary {
  id: string;
  title: string;
  tags: string[];
  audience: string;
  publishedAt: string | null;
  commentCount: number;
  likeCount: number;
  author: { id: string; displayName: string };
}

function PostItem({ p }: { p: PostSummary }) {
  const { t, formatDate } = useI18n();
  return (
    <li>
      <Link href={`/blogs/${p.id}`} className="group-card">
        <span className="author">{p.title}</span>
        <span className="muted small">
          {t('blogs.by', { name: p.author.displayName })}
          {p.publishedAt ? ` · ${formatDate(p.publishedAt)}` : ''} · {t('blogs.comments', { count: p.commentCount })}
        </span>
        {p.tags.length > 0 && <span className="small hashtag">{p.tags.map((x) => `#${x}`).join(' ')}</span>}
      </Link>
    </li>
  );
}

export function FeaturedPosts() {
  const { t } = useI18n();
  const client = useClient();
  const [posts, setPosts] = useState<PostSummary[]>([]);
  useEffect(() => {
    void client.query<{ featuredPosts: PostSummary[] }>(`query Featured { featuredPosts { ${POST_FIELDS} } }`, {}).toPromise().then((r) => r.data && setPosts(r.data.featuredPosts));
  }, [client]);
  if (posts.length === 0) return null;
  return (
    <section className="card featured" aria-label={t('blogs.featured')}>
      <h2>{t('blogs.featured')}</h2>
      <ul className="plain">{posts.map((p) => <PostItem key={p.id} p={p} />)}</ul>
    </section>
  );
}

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
      const res = await client
        .query<{ featuredPosts: PostSummary[]; blogPosts?: { edges: { node: PostSummary }[] }; searchBlogPosts?: { edges: { node: PostSummary }[] } }>(LIST, { q: q || 'x', searching: q.length > 0 }, { requestPolicy: 'network-only' })
        .toPromise();
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
  // A post taken down by moderation leaves the open list at once.
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
        <section className="card featured">
          <h2>{t('blogs.featured')}</h2>
          <ul className="plain">{data.featured.map((p) => <PostItem key={p.id} p={p} />)}</ul>
        </section>
      )}
      {data && (
        <section className="card">
          {data.posts.length === 0 ? <p className="state">{t('blogs.empty')}</p> : <ul className="plain group-list">{data.posts.map((p) => <PostItem key={p.id} p={p} />)}</ul>}
        </section>
      )}
    </>
  );
}

const PREVIEW = `query Preview($input: BlogBodyInput!) { previewBlogPost(input: $input) { html sanitizeReport { removedTags removedAttributes } } }`;
const CREATE = `mutation Create($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id status } sanitizeReport { removedTags removedAttributes } } }`;

/** Write a post in Markdown, preview what will be published (sanitised), publish, schedule or keep a draft. */
export function BlogEditorPage() {
  const { t } = useI18n();
  const { person } = useAuth();
  const client = useClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [tags, setTags] = useState('');
  const [audience, setAudience] = useState('company');
  const [publishAt, setPublishAt] = useState('');
  const [preview, setPreview] = useState<{ html: string; removed: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, create] = useMutation<{ createBlogPost: { post: { id: string } } }>(CREATE);

  async function showPreview() {
    const res = await client.query<{ previewBlogPost: { html: string; sanitizeReport: { removedTags: string[]; removedAttributes: string[] } } }>(PREVIEW, { input: { bodyMarkdown: body } }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setError(errorText(t, res.error));
    const r = res.data.previewBlogPost;
    setPreview({ html: r.html, removed: [...r.sanitizeReport.removedTags, ...r.sanitizeReport.removedAttributes] });
  }

  async function save(e: FormEvent, mode: 'publish' | 'draft' | 'schedule') {
    e.preventDefault();
    setError(null);
    const input = {
      title,
      bodyMarkdown: body,
      tags: tags.split(',').map((x) => x.trim()).filter(Boolean),
      audience,
      publish: mode === 'publish',
      publishAt: mode === 'schedule' && publishAt ? new Date(publishAt).toISOString() : null,
    };
    const res = await create({ input });
    if (res.error || !res.data) return setError(errorText(t, res.error));
    navigate(`/blogs/${res.data.createBlogPost.post.id}`);
  }

  return (
    <form className="card editor" onSubmit={(e) => void save(e, 'publish')}>
      <h1>{t('blogs.editor')}</h1>
      <label htmlFor="b-title">{t('blogs.postTitle')}</label>
      <input id="b-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="b-body">{t('blogs.body')}</label>
      <textarea id="b-body" rows={12} value={body} onChange={(e) => setBody(e.target.value)} />
      <label htmlFor="b-tags">{t('blogs.tags')}</label>
      <input id="b-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      <label htmlFor="b-audience">{t('composer.audience')}</label>
      <select id="b-audience" value={audience} onChange={(e) => setAudience(e.target.value)}>
        <option value="company">{t('composer.audience.company')}</option>
        {person?.employmentType === 'employee' && <option value="employees">{t('composer.audience.employees')}</option>}
      </select>
      <label htmlFor="b-when">{t('blogs.schedule')}</label>
      <input id="b-when" type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row-actions">
        <button type="submit">{t('blogs.publish')}</button>
        {publishAt && (
          <button type="button" className="button-quiet" onClick={(e) => void save(e as unknown as FormEvent, 'schedule')}>
            {t('blogs.schedule')}
          </button>
        )}
        <button type="button" className="button-quiet" onClick={(e) => void save(e as unknown as FormEvent, 'draft')}>
          {t('blogs.draft')}
        </button>
        <button type="button" className="button-quiet" onClick={() => void showPreview()}>
          {t('blogs.preview')}
        </button>
      </div>
      {preview && (
        <section className="preview" aria-label={t('blogs.preview')}>
          {preview.removed.length > 0 && <p className="error">{t('blogs.removed', { what: preview.removed.join(', ') })}</p>}
          {/* The server sanitised this HTML with an allowlist: it is safe to render. */}
          <div className="blog-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
        </section>
      )}
    </form>
  );
}

const POST = `query Post($id: ID!) { blogPost(id: $id) { id title bodyHtml coverUrl tags audience publishedAt commentsClosed likeCount likedByMe
  author { id displayName } blog { id subscribedByMe } moderationState moderationReason moderationAction { id kind reason appealStatus canAppeal createdAt }
  comments { id text answered createdAt likeCount moderationState moderationReason moderationAction { id kind reason appealStatus canAppeal createdAt } author { id displayName }
    replies { id text createdAt moderationState moderationReason moderationAction { id kind reason appealStatus canAppeal createdAt } author { id displayName } } } } }`;
const COMMENT = `mutation Comment($postId: ID!, $text: String!, $parentId: ID) { commentOnBlogPost(postId: $postId, text: $text, parentId: $parentId) { id } }`;
const SUBSCRIBE = `mutation Sub($id: ID!) { subscribeToBlog(blogId: $id) { id subscribedByMe } }`;
const UNSUBSCRIBE = `mutation Unsub($id: ID!) { unsubscribeFromBlog(blogId: $id) { id subscribedByMe } }`;
const READ = `mutation Read($id: ID!, $completed: Boolean!) { recordRead(postId: $id, completed: $completed) }`;

interface Comment {
  id: string;
  text: string;
  answered?: boolean;
  createdAt: string;
  moderationState: string;
  moderationReason: string | null;
  moderationAction?: Decision | null;
  author: { id: string; displayName: string };
  replies?: Comment[];
}
interface Post {
  id: string;
  title: string;
  coverUrl: string | null;
  bodyHtml: string;
  tags: string[];
  publishedAt: string | null;
  commentsClosed: boolean;
  likeCount: number;
  author: { id: string; displayName: string };
  blog: { id: string; subscribedByMe: boolean };
  moderationState: string;
  moderationReason: string | null;
  moderationAction?: Decision | null;
  comments: Comment[];
}

/** What the author of a hidden or removed post or comment sees (nobody else gets it at all). */
function ModerationNotice({ state, reason, decision }: { state: string; reason: string | null; decision?: Decision | null }) {
  const { t } = useI18n();
  if (state === 'visible') return null;
  return (
    <>
      <p className="notice small" role="note">
        {t(state === 'removed' ? 'blogs.moderation.removed' : 'blogs.moderation.hidden')}
        {reason ? ` ${t('blogs.moderation.reason', { reason })}` : ''}
      </p>
      {/* The author may appeal a removal from here (decision is null for everyone else). */}
      {decision && <AppealAction decision={decision} />}
    </>
  );
}

export function BlogPostPage({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [post, setPost] = useState<Post | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [reporting, setReporting] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const { person } = useAuth();
  const [, comment] = useMutation(COMMENT);
  const [, subscribe] = useMutation(SUBSCRIBE);
  const [, unsubscribe] = useMutation(UNSUBSCRIBE);
  const [, read] = useMutation(READ);
  const end = useRef<HTMLDivElement | null>(null);

  const load = useCallback(async () => {
    const res = await client.query<{ blogPost: Post }>(POST, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
    setFailed(null);
    setPost(res.data.blogPost);
  }, [client, id, t]);
  useEffect(() => {
    void load();
    void read({ id, completed: false });
  }, [load, read, id]);
  // Read-through: the reader reached the end of the post.
  useEffect(() => {
    const el = end.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        void read({ id, completed: true });
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [post?.id, read, id]);
  useLive<{ postId?: string }>('blog.comment.created', useCallback((e) => e.postId === id && void load(), [id, load]));
  // Moderation took a comment down: it leaves the open page at once (its author keeps it, marked).
  useLive<{ id: string; postId: string; authorId?: string }>(
    'blog.comment.removed',
    useCallback(
      (e) => {
        if (e.postId !== id) return;
        if (e.authorId === person?.id) return void load();
        const drop = (list: Comment[]): Comment[] => list.filter((c) => c.id !== e.id).map((c) => ({ ...c, replies: c.replies && drop(c.replies) }));
        setPost((p) => p && { ...p, comments: drop(p.comments) });
      },
      [id, load, person?.id],
    ),
  );
  useLive<{ id: string; authorId?: string }>(
    'blog.post.removed',
    // Without an author id it is an audience change: ask again whether this reader still may read it.
    useCallback((e) => e.id === id && (!e.authorId || e.authorId === person?.id ? void load() : setGone(true)), [id, load, person?.id]),
  );

  if (gone) return <p className="card state">{t('blogs.gone')}</p>;
  if (failed) return <ErrorState message={failed} onRetry={() => void load()} />;
  if (!post) return <Loading />;

  async function send(e: FormEvent) {
    e.preventDefault();
    const res = await comment({ postId: id, text, parentId: replyTo });
    if (res.error) return setFailed(errorText(t, res.error));
    setText('');
    setReplyTo(null);
    await load();
  }

  const renderComment = (c: Comment, top: boolean) => (
    <li key={c.id} className="comment">
      <Link href={`/people/${c.author.id}`} className="author author-link">{c.author.displayName}</Link> <RelativeTime className="muted small" value={c.createdAt} />
      {c.answered && <span className="badge answered"> ✓ {t('blogs.answered')}</span>}
      <p className="message-text">{c.moderationState === 'removed' ? t('moderation.removedContent') : c.text}</p>
      <ModerationNotice state={c.moderationState} reason={c.moderationReason} decision={c.moderationAction} />
      {top && !post.commentsClosed && c.moderationState === 'visible' && (
        <button type="button" className="button-link small" onClick={() => setReplyTo(c.id)}>
          {t('blogs.reply')}
        </button>
      )}
      {c.author.id !== person?.id && (
        <button type="button" className="button-link small" aria-expanded={reporting === c.id} onClick={() => setReporting(reporting === c.id ? null : c.id)}>
          {t('report.button')}
        </button>
      )}
      {reporting === c.id && <ReportForm itemType="BLOG_COMMENT" itemId={c.id} onClose={() => setReporting(null)} />}
      {c.replies && c.replies.length > 0 && <ul className="plain replies">{c.replies.map((r) => renderComment(r, false))}</ul>}
    </li>
  );

  return (
    <>
      <article className="card" aria-labelledby="post-title">
        {post.coverUrl && <img className="cover" src={post.coverUrl} alt="" />}
        <h1 id="post-title">{post.title}</h1>
        <p className="muted small">
          <FormattedMessage id="blogs.by" values={{ name: <Link href={`/people/${post.author.id}`}>{post.author.displayName}</Link> }} />
          {post.publishedAt && <> · <RelativeTime value={post.publishedAt} /></>}
        </p>
        <ModerationNotice state={post.moderationState} reason={post.moderationReason} decision={post.moderationAction} />
        <div className="row-actions">
          <button type="button" className="button-quiet" onClick={() => void (post.blog.subscribedByMe ? unsubscribe({ id: post.blog.id }) : subscribe({ id: post.blog.id })).then(load)}>
            {post.blog.subscribedByMe ? t('blogs.unsubscribe') : t('blogs.subscribe')}
          </button>
          {post.author.id !== person?.id && (
            <button type="button" className="button-quiet" aria-expanded={reporting === post.id} onClick={() => setReporting(reporting === post.id ? null : post.id)}>
              {t('report.button')}
            </button>
          )}
        </div>
        {reporting === post.id && <ReportForm itemType="BLOG_POST" itemId={post.id} onClose={() => setReporting(null)} />}
        {/* Sanitised on the server with an allowlist when it was saved. */}
        {post.moderationState === 'removed' ? (
          <p className="blog-body muted">{t('moderation.removedContent')}</p>
        ) : (
          <div className="blog-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        )}
        {post.tags.length > 0 && <p className="hashtag small">{post.tags.map((x) => `#${x}`).join(' ')}</p>}
        <div ref={end} />
      </article>
      <section className="card" aria-labelledby="comments-title">
        <h2 id="comments-title">{t('blogs.comments', { count: post.comments.length })}</h2>
        <ul className="plain">{post.comments.map((c) => renderComment(c, true))}</ul>
        {post.commentsClosed ? (
          <p className="muted">{t('blogs.closed')}</p>
        ) : (
          <form onSubmit={send} className="reply-form">
            <label htmlFor="c-text">{replyTo ? t('blogs.reply') : t('blogs.comment')}</label>
            <textarea id="c-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit" disabled={text.trim() === ''}>
              {t('blogs.commentSend')}
            </button>
          </form>
        )}
      </section>
    </>
  );
}
