import { useState } from 'react';
import { useMutation } from 'urql';
import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { errorText } from '../lib/errors.js';
import { EDIT_WINDOW_MS, MAX_LENGTH, MESSAGE_FRAGMENT, type MessageData } from '../lib/messages.js';
import { EmploymentBadge } from './Badge.js';
import { ReportForm } from './ReportDialog.js';
import { RichText } from './RichText.js';
import { initials } from '../lib/names.js';

const LIKE = `mutation Like($id: ID!) { likeMessage(id: $id) { id likeCount likedByMe } }`;
const UNLIKE = `mutation Unlike($id: ID!) { unlikeMessage(id: $id) { id likeCount likedByMe } }`;
const DELETE = `mutation Delete($id: ID!) { deleteMessage(id: $id) }`;
const EDIT = `mutation Edit($id: ID!, $text: String!) { editMessage(id: $id, text: $text) { id text editedAt entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } } } }`;
const REPLY = `mutation Reply($input: PostMessageInput!) { postMessage(input: $input) { id } }`;
const RESHARE = `${MESSAGE_FRAGMENT} mutation Reshare($input: ReshareMessageInput!) { reshareMessage(input: $input) { ...MessageCardFields } }`;

export function MessageCard({ message: given, onChanged, onDeleted }: { message: MessageData; onChanged?: () => void; onDeleted?: (id: string) => void }) {
  const { t, formatDate } = useI18n();
  const { person } = useAuth();
  const [, like] = useMutation(LIKE);
  const [, unlike] = useMutation(UNLIKE);
  const [, remove] = useMutation(DELETE);
  const [, edit] = useMutation(EDIT);
  const [, reply] = useMutation(REPLY);
  const [, reshare] = useMutation(RESHARE);
  // What my own actions changed. "Liked by me" and edits stick; counts come from the newest copy
  // (a live update from the server wins over the count my mutation returned).
  const [local, setLocal] = useState<{ base: MessageData; counts: Partial<MessageData>; sticky: Partial<MessageData>; originalCounts: Partial<MessageData>; originalSticky: Partial<MessageData> }>({ base: given, counts: {}, sticky: {}, originalCounts: {}, originalSticky: {} });
  const fresh = local.base === given ? local : { ...local, base: given, counts: {}, originalCounts: {} };
  const message: MessageData = {
    ...given,
    ...fresh.counts,
    ...fresh.sticky,
    original: given.original ? { ...given.original, ...fresh.originalCounts, ...fresh.originalSticky } : given.original,
  };
  const [mode, setMode] = useState<'view' | 'edit' | 'reply' | 'reshare' | 'report'>('view');
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const isReshare = Boolean(message.original);
  const mine = person?.id === message.author.id;
  const editable = mine && Date.now() - new Date(message.createdAt).getTime() < EDIT_WINDOW_MS && !isReshare;

  async function run<D>(fn: () => Promise<{ data?: D; error?: { graphQLErrors: { message: string }[]; message: string } }>, after?: (data: D | undefined) => void) {
    setBusy(true);
    setError(null);
    const res = await fn();
    setBusy(false);
    if (res.error) setError(errorText(t, res.error));
    else after?.(res.data);
  }

  function applyLike(data: { likeMessage?: Partial<MessageData>; unlikeMessage?: Partial<MessageData> } | undefined) {
    const m = data?.likeMessage ?? data?.unlikeMessage;
    if (!m) return;
    const counts = { likeCount: m.likeCount } as Partial<MessageData>;
    const sticky = { likedByMe: m.likedByMe } as Partial<MessageData>;
    setLocal(
      given.original && m.id === given.original.id
        ? { ...fresh, originalCounts: { ...fresh.originalCounts, ...counts }, originalSticky: { ...fresh.originalSticky, ...sticky } }
        : { ...fresh, counts: { ...fresh.counts, ...counts }, sticky: { ...fresh.sticky, ...sticky } },
    );
  }

  const target = message.original ?? message;
  return (
    <article className="card message" aria-labelledby={`m-${message.id}-author`} data-testid="message" data-message-id={message.id}>
      <header className="message-head">
        <div className="avatar" aria-hidden="true">
          {initials(message.author.displayName)}
        </div>
        <div className="message-meta">
          <span id={`m-${message.id}-author`} className="author">
            {isReshare ? t('message.reshared', { name: message.author.displayName }) : message.author.displayName}
          </span>{' '}
          <EmploymentBadge type={message.author.employmentType} />
          <div className="muted small">
            <time dateTime={message.createdAt}>{formatDate(message.createdAt)}</time>
            {message.editedAt && <> · {t('message.edited')}</>}
            {message.audience === 'employees' && <> · {t('message.employeesOnly')}</>}
          </div>
        </div>
      </header>
      {mode === 'edit' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => edit({ id: message.id, text: draft }),
              (data: { editMessage?: Partial<MessageData> } | undefined) => {
                if (data?.editMessage) setLocal({ ...fresh, sticky: { ...fresh.sticky, ...data.editMessage } });
                setMode('view');
              },
            );
          }}
        >
          <label className="sr-only" htmlFor={`edit-${message.id}`}>
            {t('message.edit')}
          </label>
          <textarea id={`edit-${message.id}`} value={draft} maxLength={MAX_LENGTH * 2} onChange={(e) => setDraft(e.target.value)} rows={3} />
          <div className="row-actions">
            <button type="submit" disabled={busy}>
              {t('message.save')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setMode('view')}>
              {t('message.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {isReshare && message.note ? <p className="note">{message.note}</p> : null}
          {isReshare ? (
            message.original ? (
              <blockquote className="original">
                <span className="author">{message.original.author.displayName}</span>
                <RichText text={message.original.text} entities={message.original.entities} moderationState={message.original.moderationState} />
                <MessageImages images={message.original.images} />
              </blockquote>
            ) : (
              <p className="muted">{t('message.unavailable')}</p>
            )
          ) : (
            <>
              <RichText text={message.text} entities={message.entities} moderationState={message.moderationState} />
              <MessageImages images={message.images} />
            </>
          )}
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <footer className="message-actions" aria-label={t('message.actions')}>
        <button
          type="button"
          className="button-quiet"
          aria-pressed={target.likedByMe}
          disabled={busy}
          onClick={() => void run(() => (target.likedByMe ? unlike({ id: target.id }) : like({ id: target.id })), applyLike)}
        >
          {target.likedByMe ? '♥' : '♡'} <span className="sr-only">{target.likedByMe ? t('message.unlike') : t('message.like')}</span>
          <span data-testid="like-count">{target.likeCount}</span>
        </button>
        <button type="button" className="button-quiet" onClick={() => setMode(mode === 'reply' ? 'view' : 'reply')}>
          {t('message.reply')} <span data-testid="reply-count">{target.replyCount}</span>
        </button>
        <button type="button" className="button-quiet" onClick={() => { setDraft(''); setMode('reshare'); }}>
          {t('message.reshare')}
        </button>
        {editable && (
          <button type="button" className="button-quiet" onClick={() => { setDraft(message.text); setMode('edit'); }}>
            {t('message.edit')}
          </button>
        )}
        {!mine && (
          <button type="button" className="button-quiet" onClick={() => setMode(mode === 'report' ? 'view' : 'report')}>
            {t('report.button')}
          </button>
        )}
        {mine && (
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              if (window.confirm(t('message.deleteConfirm'))) void run(() => remove({ id: message.id }), () => onDeleted?.(message.id));
            }}
          >
            {t('message.delete')}
          </button>
        )}
      </footer>
      {mode === 'report' && <ReportForm itemType="MESSAGE" itemId={message.id} onClose={() => setMode('view')} />}
      {mode === 'reply' && (
        <form
          className="reply-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => reply({ input: { text: draft, replyToId: target.id } }), () => { setDraft(''); setMode('view'); onChanged?.(); });
          }}
        >
          <label className="sr-only" htmlFor={`reply-${message.id}`}>
            {t('message.reply')}
          </label>
          <textarea id={`reply-${message.id}`} placeholder={t('message.replyPlaceholder')} value={draft} onChange={(e) => setDraft(e.target.value)} rows={2} />
          <button type="submit" disabled={busy || draft.trim() === ''}>
            {t('message.send')}
          </button>
        </form>
      )}
      {mode === 'reshare' && (
        <form
          className="reshare-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => reshare({ input: { messageId: target.id, note: draft.trim() || null } }), () => { setMode('view'); onChanged?.(); });
          }}
        >
          <p className="small">
            <strong>{t('message.reshareTitle')}</strong> {t('message.reshareHint')}
          </p>
          <label htmlFor={`reshare-${message.id}`}>{t('message.reshareNote')}</label>
          <textarea id={`reshare-${message.id}`} value={draft} onChange={(e) => setDraft(e.target.value)} rows={2} />
          <div className="row-actions">
            <button type="submit" disabled={busy}>
              {t('message.reshareConfirm')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setMode('view')}>
              {t('message.cancel')}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}

/** A message's images (1-4) in a grid; each opens full size. Alt text is the author's description. */
function MessageImages({ images }: { images?: MessageData['images'] }) {
  const { t } = useI18n();
  if (!images?.length) return null;
  return (
    <ul className={`message-images count-${images.length}`} aria-label={t('message.images', { count: images.length })}>
      {images.map((img, i) => (
        <li key={img.id}>
          <a href={img.url} target="_blank" rel="noopener" aria-label={img.alt ? undefined : t('message.imageOpen', { n: i + 1 })}>
            <img src={img.url} alt={img.alt} width={img.width} height={img.height} loading="lazy" decoding="async" />
          </a>
        </li>
      ))}
    </ul>
  );
}
