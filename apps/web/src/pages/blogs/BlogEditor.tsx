import { useEffect, useId, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { useAuth } from '../../lib/auth.js';
import { errorText } from '../../lib/errors.js';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { useI18n } from '../../lib/i18n.js';
import { navigate } from '../../lib/router.js';
import { tagsOf } from '../../lib/tags.js';
import { uploadFile } from '../../lib/upload.js';
import './blogs.css';

const PREVIEW = graphql(`query PreviewBlogPost($input: BlogBodyInput!) { previewBlogPost(input: $input) { html sanitizeReport { removedTags removedAttributes } } }`);
const CREATE = graphql(`mutation CreateBlogPost($input: CreateBlogPostInput!) { createBlogPost(input: $input) { post { id status } sanitizeReport { removedTags removedAttributes } } }`);
const UPDATE = graphql(`mutation UpdateBlogPost($id: ID!, $input: UpdateBlogPostInput!) { updateBlogPost(id: $id, input: $input) { post { id status } } }`);
const PUBLISH = graphql(`mutation PublishBlogPost($id: ID!) { publishBlogPost(id: $id) { id status } }`);
const EDITABLE = graphql(`query EditableBlogPost($id: ID!) { blogPost(id: $id) {
  id title bodyHtml bodyMarkdown tags audience coverUrl status viewerCan { edit }
} }`);

type Editable = ResultOf<typeof EDITABLE>['blogPost'];

/** The cover as chosen in the editor: kept as it is, a new upload (with a local preview), or none. */
type Cover = { kind: 'keep'; url: string | null } | { kind: 'new'; uploadId: string; preview: string } | { kind: 'none' };

/** Write a post in Markdown, preview what will be published (sanitised), publish, schedule or keep a draft. */
export function BlogEditorPage({ id }: { id?: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [post, setPost] = useState<Editable | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return;
    void client
      .query(EDITABLE, { id }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((res) => {
        if (res.error || !res.data) return setFailed(errorText(t, res.error) ?? t('app.error'));
        if (!res.data.blogPost.viewerCan.edit) return setFailed(t('error.code.FORBIDDEN'));
        setPost(res.data.blogPost);
      });
  }, [client, id, t]);
  if (!id) return <EditorForm />;
  if (failed) return <ErrorState message={failed} />;
  if (!post) return <Loading />;
  return <EditorForm post={post} />;
}

function EditorForm({ post }: { post?: Editable }) {
  const { t } = useI18n();
  const auth = useAuth();
  const { person } = auth;
  const client = useClient();
  const ids = useId();
  // A post written as HTML (through the API) is edited as HTML; everything else as Markdown.
  const asHtml = !!post && post.bodyMarkdown === null;
  const [title, setTitle] = useState(post?.title ?? '');
  const [body, setBody] = useState(post ? (post.bodyMarkdown ?? post.bodyHtml) : '');
  const [tags, setTags] = useState(post?.tags.join(', ') ?? '');
  const [audience, setAudience] = useState(post?.audience ?? 'company');
  const [publishAt, setPublishAt] = useState('');
  const [cover, setCover] = useState<Cover>({ kind: 'keep', url: post?.coverUrl ?? null });
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<{ html: string; removed: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, create] = useMutation(CREATE);
  const [, update] = useMutation(UPDATE);
  const [, publish] = useMutation(PUBLISH);
  const stored = tagsOf(tags);
  const bodyInput = asHtml ? { bodyHtml: body } : { bodyMarkdown: body };
  const coverUrl = cover.kind === 'keep' ? cover.url : cover.kind === 'new' ? cover.preview : null;

  async function showPreview() {
    const res = await client.query(PREVIEW, { input: bodyInput }, { requestPolicy: 'network-only' }).toPromise();
    if (res.error || !res.data) return setError(errorText(t, res.error));
    const r = res.data.previewBlogPost;
    setPreview({ html: r.html, removed: [...r.sanitizeReport.removedTags, ...r.sanitizeReport.removedAttributes] });
  }

  async function chooseCover(file: File | undefined) {
    if (!file) return;
    setError(null);
    setUploading(true);
    try {
      const uploadId = await uploadFile(file, auth.token());
      setCover({ kind: 'new', uploadId, preview: URL.createObjectURL(file) });
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setUploading(false);
    }
  }

  async function save(e: FormEvent, mode: 'publish' | 'draft' | 'schedule' | 'update') {
    e.preventDefault();
    setError(null);
    setBusy(true);
    // The server normalises the tags (the field shows how): send them as written.
    const rawTags = tags.split(',').map((x) => x.trim()).filter(Boolean);
    try {
      if (post) {
        const res = await update({
          id: post.id,
          input: { title, ...bodyInput, tags: rawTags, audience, coverUploadId: cover.kind === 'new' ? cover.uploadId : null, removeCover: cover.kind === 'none' },
        });
        if (res.error || !res.data) return setError(errorText(t, res.error));
        if (mode === 'publish' && res.data.updateBlogPost.post.status !== 'PUBLISHED') {
          const published = await publish({ id: post.id });
          if (published.error) return setError(errorText(t, published.error));
        }
        return navigate(`/blogs/${post.id}`);
      }
      const input = {
        title,
        ...bodyInput,
        tags: rawTags,
        audience,
        coverUploadId: cover.kind === 'new' ? cover.uploadId : null,
        publish: mode === 'publish',
        publishAt: mode === 'schedule' && publishAt ? new Date(publishAt).toISOString() : null,
      };
      const res = await create({ input });
      if (res.error || !res.data) return setError(errorText(t, res.error));
      navigate(`/blogs/${res.data.createBlogPost.post.id}`);
    } finally {
      setBusy(false);
    }
  }

  const draft = !post || post.status !== 'PUBLISHED';
  return (
    <form className="card editor" onSubmit={(e) => void save(e, post ? 'update' : 'publish')}>
      <h1>{post ? t('blogs.editTitle') : t('blogs.editor')}</h1>
      <label htmlFor="b-title">{t('blogs.postTitle')}</label>
      <input id="b-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />

      <span className="field-label" id={`${ids}-cover`}>{t('blogs.cover')}</span>
      <div className="cover-field" role="group" aria-labelledby={`${ids}-cover`}>
        {coverUrl ? <img className="cover cover-preview" src={coverUrl} alt={t('blogs.coverPreview')} /> : <p className="muted small">{t('blogs.noCover')}</p>}
        <div className="row-actions">
          <label className="button-like button-quiet file-button">
            {coverUrl ? t('blogs.coverReplace') : t('blogs.coverChoose')}
            <input type="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" className="sr-only" onChange={(e) => void chooseCover(e.target.files?.[0])} disabled={uploading} />
          </label>
          {coverUrl && (
            <button type="button" className="button-quiet" onClick={() => setCover({ kind: 'none' })}>
              {t('blogs.coverRemove')}
            </button>
          )}
        </div>
        {uploading && <p className="muted small" role="status">{t('blogs.coverUploading')}</p>}
      </div>

      <label htmlFor="b-body">{asHtml ? t('blogs.bodyHtml') : t('blogs.body')}</label>
      <textarea id="b-body" rows={12} value={body} onChange={(e) => setBody(e.target.value)} />
      <label htmlFor="b-tags">{t('blogs.tags')}</label>
      <input id="b-tags" value={tags} onChange={(e) => setTags(e.target.value)} aria-describedby={`${ids}-tags`} />
      <p id={`${ids}-tags`} className="muted small" aria-live="polite" data-testid="tags-stored">
        {stored.length > 0 ? t('blogs.tagsStored', { tags: stored.map((x) => `#${x}`).join(' ') }) : t('blogs.tagsHint')}
      </p>
      <label htmlFor="b-audience">{t('composer.audience')}</label>
      <select id="b-audience" value={audience} onChange={(e) => setAudience(e.target.value)}>
        <option value="company">{t('composer.audience.company')}</option>
        {(person?.employmentType === 'employee' || audience === 'employees') && <option value="employees">{t('composer.audience.employees')}</option>}
        {audience.startsWith('group:') && <option value={audience}>{t('blogs.audienceGroup')}</option>}
      </select>
      {!post && (
        <>
          <label htmlFor="b-when">{t('blogs.schedule')}</label>
          <input id="b-when" type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row-actions">
        {post ? (
          <>
            <button type="submit" disabled={busy || uploading}>{t('blogs.save')}</button>
            {draft && (
              <button type="button" className="button-quiet" disabled={busy || uploading} onClick={(e) => void save(e as unknown as FormEvent, 'publish')}>
                {t('blogs.publish')}
              </button>
            )}
            <button type="button" className="button-quiet" onClick={() => navigate(`/blogs/${post.id}`)}>
              {t('blogs.confirm.cancel')}
            </button>
          </>
        ) : (
          <>
            <button type="submit" disabled={busy || uploading}>{t('blogs.publish')}</button>
            {publishAt && (
              <button type="button" className="button-quiet" disabled={busy || uploading} onClick={(e) => void save(e as unknown as FormEvent, 'schedule')}>
                {t('blogs.schedule')}
              </button>
            )}
            <button type="button" className="button-quiet" disabled={busy || uploading} onClick={(e) => void save(e as unknown as FormEvent, 'draft')}>
              {t('blogs.draft')}
            </button>
          </>
        )}
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
