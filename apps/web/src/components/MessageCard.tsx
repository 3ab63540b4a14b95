import { useState, type MouseEvent } from 'react';
import { useMutation } from 'urql';
import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { errorText } from '../lib/errors.js';
import { EDIT_WINDOW_MS, MAX_LENGTH, MessageCardFields, type MessageData } from '../lib/messages.js';
import { EmploymentBadge } from './Badge.js';
import { ReportForm } from './ReportDialog.js';
import { RichText } from './RichText.js';
import { Avatar } from './Avatar.js';
import { Menu, MenuItem } from './ui/Menu.js';
import { ModeratedContent } from './ModerationDecision.js';
import { PollView } from './Poll.js';
import { Icon } from './Icons.js';
import { RelativeTime } from './RelativeTime.js';
import { Link, navigate } from '../lib/router.js';
import { graphql } from '../lib/gql.js';

/** Clicks on these inside a card do their own thing; anywhere else the card opens its thread. */
const INTERACTIVE = 'a, button, input, textarea, select, label, summary, details, img, video, form, .more-menu, [role="option"]';

const LIKE = graphql(`mutation LikeMessage($id: ID!) { likeMessage(id: $id) { id likeCount likedByMe } }`);
const UNLIKE = graphql(`mutation UnlikeMessage($id: ID!) { unlikeMessage(id: $id) { id likeCount likedByMe } }`);
const DELETE = graphql(`mutation DeleteMessage($id: ID!) { deleteMessage(id: $id) }`);
const EDIT = graphql(`mutation EditMessage($id: ID!, $text: String!) { editMessage(id: $id, text: $text) { id text editedAt entities { links { url start end } mentions { personId uid start end } hashtags { tag start end } } } }`);
const RESHARE = graphql(`mutation ReshareMessage($input: ReshareMessageInput!) { reshareMessage(input: $input) { ...MessageCardFields } }`, [MessageCardFields]);

export function MessageCard({
  message: given,
  onDeleted,
  onReshared,
  showGroup = true,
}: {
  message: MessageData;
  onDeleted?: (id: string) => void;
  /** My reshare, as the server returned it: the feed shows it at once. */
  onReshared?: (m: MessageData) => void;
  /** Say which group a group message is from (not on the group's own page). */
  showGroup?: boolean;
}) {
  const { t } = useI18n();
  const { person } = useAuth();
  const [, like] = useMutation(LIKE);
  const [, unlike] = useMutation(UNLIKE);
  const [, remove] = useMutation(DELETE);
  const [, edit] = useMutation(EDIT);
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
  const [mode, setMode] = useState<'view' | 'edit' | 'reshare' | 'report'>('view');
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const isReshare = Boolean(message.original);
  const mine = person?.id === message.author.id;
  // The moment the card was first shown: editing is offered if the window was open then (the server decides).
  const [shownAt] = useState(() => Date.now());
  // Hidden or removed by moderation: no like, share or edit; its author sees why and may appeal.
  const moderated = ((message.original ?? message).moderationState ?? 'visible') !== 'visible';
  const editable = mine && shownAt - new Date(message.createdAt).getTime() < EDIT_WINDOW_MS && !isReshare && !moderated;

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
  const threadHref = `/messages/${target.id}`;
  // The card opens its thread, unless the click was on something of its own or selected text.
  const openThread = (e: MouseEvent<HTMLElement>) => {
    if (e.defaultPrevented || mode !== 'view' || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    if ((e.target as Element).closest(INTERACTIVE)) return;
    if (window.getSelection()?.toString()) return;
    navigate(threadHref);
  };
  const group = showGroup ? message.group : null;
  return (
    // A tap anywhere on the card opens its thread (a shortcut for pointers); keyboard users have the
    // reply count and the time, which are links to the same page.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions
    <article className="card message" aria-labelledby={`m-${message.id}-author`} data-testid="message" data-message-id={message.id} onClick={openThread}>
      <header className="message-head">
        <Link href={`/people/${message.author.id}`} tabIndex={-1} aria-hidden="true" className="avatar-link">
          <Avatar name={message.author.displayName} url={message.author.photo?.small} />
        </Link>
        <div className="message-meta">
          <span id={`m-${message.id}-author`} className="author">
            {isReshare ? (
              t('message.reshared', { name: message.author.displayName })
            ) : (
              <Link href={`/people/${message.author.id}`} className="author-link">
                {message.author.displayName}
              </Link>
            )}
          </span>{' '}
          <EmploymentBadge type={message.author.employmentType} />
          <div className="muted small meta-line">
            <Link href={`/messages/${message.id}`} className="time-link">
              <RelativeTime value={message.createdAt} />
            </Link>
            {message.editedAt && <> · {t('message.edited')}</>}
            {message.audience === 'employees' && <> · {t('message.employeesOnly')}</>}
            {group && (
              <>
                {' · '}
                <Link href={`/groups/${group.id}`} className="group-link" data-testid="message-group">
                  {t('message.inGroup', { name: group.name })}
                </Link>
              </>
            )}
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
                <Link href={`/people/${message.original.author.id}`} className="author author-link">
                  {message.original.author.displayName}
                </Link>
                <RichText text={message.original.text} entities={message.original.entities} mentions={message.original.mentions} moderationState={message.original.moderationState} />
                <MessageImages images={message.original.images} />
              </blockquote>
            ) : (
              <p className="muted">{t('message.unavailable')}</p>
            )
          ) : (
            <>
              {message.moderationState !== 'removed' && <RichText text={message.text} entities={message.entities} mentions={message.mentions} moderationState={message.moderationState} />}
              <MessageImages images={message.images} />
              <ModeratedContent state={message.moderationState ?? 'visible'} decision={message.moderationAction} reason={message.moderationReason} mine={mine} />
              {message.poll && <PollView poll={message.poll} mine={mine} />}
            </>
          )}
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {/* A moderated card keeps only its author's "⋯" (delete). */}
      {(!moderated || mine) && <footer className="message-actions" aria-label={t('message.actions')}>
        {!moderated && (<>
        <button
          type="button"
          className="button-quiet"
          aria-pressed={target.likedByMe}
          disabled={busy}
          onClick={() => void run(() => (target.likedByMe ? unlike({ id: target.id }) : like({ id: target.id })), applyLike)}
        >
          <Icon name="heart" filled={target.likedByMe} /> <span className="sr-only">{target.likedByMe ? t('message.unlike') : t('message.like')}</span>
          <span data-testid="like-count">{target.likeCount}</span>
        </button>
        <Link href={`${threadHref}#reply`} className="button-like button-quiet action">
          <Icon name="comment" />
          <span className="action-label">{t('message.reply')}</span> <span data-testid="reply-count">{target.replyCount}</span>
          <span className="sr-only"> {t('message.repliesWord', { count: target.replyCount })}</span>
        </Link>
        <button type="button" className="button-quiet" onClick={() => { setDraft(''); setMode('reshare'); }}>
          <Icon name="reshare" /> <span className="action-label">{t('message.reshare')}</span> {target.reshareCount > 0 && <span data-testid="reshare-count">{target.reshareCount}</span>}
        </button>
        </>)}
        <Menu label={t('message.more')} className="push-right" side="top">
          {editable && <MenuItem onSelect={() => { setDraft(message.text); setMode('edit'); }}>{t('message.edit')}</MenuItem>}
          {!mine && !moderated && <MenuItem onSelect={() => setMode('report')}>{t('report.button')}</MenuItem>}
          {mine && (
            <MenuItem danger onSelect={() => { if (window.confirm(t('message.deleteConfirm'))) void run(() => remove({ id: message.id }), () => onDeleted?.(message.id)); }}>
              {t('message.delete')}
            </MenuItem>
          )}
        </Menu>
      </footer>}
      {mode === 'report' && <ReportForm itemType="MESSAGE" itemId={message.id} onClose={() => setMode('view')} />}
      {mode === 'reshare' && (
        <form
          className="reshare-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => reshare({ input: { messageId: target.id, note: draft.trim() || null } }),
              (data) => {
                setMode('view');
                if (data?.reshareMessage) onReshared?.(data.reshareMessage);
              },
            );
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
