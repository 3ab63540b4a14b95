import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { MessageCard } from '../../components/MessageCard.js';
import { ErrorState } from '../../components/States.js';
import { FeedSkeleton } from '../../components/Skeleton.js';
import { useI18n } from '../../lib/i18n.js';
import { MAX_LENGTH, MessageCardFields, MessageFields, type FeedPage, type MessageData } from '../../lib/messages.js';
import { Link } from '../../lib/router.js';
import { useLive } from '../../lib/socket.js';
import { errorText } from '../../lib/errors.js';
import { isNetworkError, newClientId, useOutbox } from '../../lib/outbox.js';
import { graphql } from '../../lib/gql.js';

const THREAD = graphql(`query Thread($id: ID!, $after: String) { thread(messageId: $id, first: 20, after: $after) {
  root { ...MessageCardFields }
  replies { edges { cursor node { ...MessageFields } } pageInfo { hasNextPage endCursor } } } }`, [MessageCardFields, MessageFields]);
// The root as the cache has it now: a reshare made here moves its count (the reshare's result updates it).
const CACHED_ROOT = graphql(`query ThreadRoot($id: ID!) { message(id: $id) { ...MessageCardFields } }`, [MessageCardFields]);
// Replies are never reshares: their fields stop at the message itself (and keep the query's cost low).
const REPLY = graphql(`mutation Reply($input: PostMessageInput!) { postMessage(input: $input) { ...MessageFields } }`, [MessageFields]);


/**
 * One conversation at /messages/:id: the root message, its replies oldest first, a reply box, and
 * new replies arriving live. Any message of the thread opens it (a reply is highlighted).
 */
export function ThreadPage({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [root, setRoot] = useState<MessageData | null>(null);
  const [replies, setReplies] = useState<MessageData[]>([]);
  const [page, setPage] = useState<FeedPage['pageInfo'] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per reply draft, so a retry after a lost connection is stored once (lib/outbox.tsx).
  const [clientId, setClientId] = useState(newClientId);
  const outbox = useOutbox();
  const waiting = outbox.pending.some((p) => p.clientId === clientId);
  const sentDraft = useRef<string | null>(null);
  const [, reply] = useMutation(REPLY);
  const box = useRef<HTMLTextAreaElement>(null);

  const merge = (prev: MessageData[], more: MessageData[]) => {
    const seen = new Set(prev.map((m) => m.id));
    return [...prev, ...more.filter((m) => !seen.has(m.id))];
  };

  const load = useCallback(
    async (after: string | null) => {
      // network-only: also run when a live event says a reply arrived (the event has no card).
      const res = await client.query(THREAD, { id, after }, { requestPolicy: 'network-only' }).toPromise();
      if (res.error || !res.data) {
        if (!after) setFailed(errorText(t, res.error) ?? t('app.error'));
        return;
      }
      setFailed(null);
      setRoot(res.data.thread.root);
      const more = res.data.thread.replies.edges.map((e) => e.node);
      setReplies((prev) => (after ? merge(prev, more) : more));
      setPage(res.data.thread.replies.pageInfo);
    },
    [client, id, t],
  );
  useEffect(() => void load(null), [load]);

  // Opened from a card's reply button: straight to the reply box; from a notification about a reply: to that reply.
  useEffect(() => {
    if (!root) return;
    if (window.location.hash === '#reply') box.current?.focus();
    else if (id !== root.id) document.getElementById(`reply-${id}`)?.scrollIntoView({ block: 'center' });
  }, [root, id]);

  const rootId = root?.id;
  const [{ data: cached }] = useQuery({ query: CACHED_ROOT, variables: { id: rootId ?? '' }, requestPolicy: 'cache-only', pause: !rootId });
  // A new reply (mine from another tab, or anyone's): fetch the replies after the last one I have.
  useLive(
    'message.created',
    useCallback(
      (m) => {
        if (!rootId || m.rootId !== rootId) return;
        void load(page?.hasNextPage ? null : (page?.endCursor ?? null));
      },
      [rootId, load, page],
    ),
  );
  useLive(
    'message.updated',
    useCallback((m) => {
      const patch = (x: MessageData) => (x.id === m.id ? { ...x, likeCount: m.likeCount ?? x.likeCount, replyCount: m.replyCount ?? x.replyCount } : x);
      setRoot((r) => (r ? patch(r) : r));
      setReplies((prev) => prev.map(patch));
    }, []),
  );
  useLive(
    'message.deleted',
    useCallback((m) => {
      setReplies((prev) => prev.filter((x) => x.id !== m.id));
      setRoot((r) => (r && r.id === m.id ? null : r));
      if (m.id === rootId) setFailed(t('thread.gone'));
    }, [rootId, t]),
  );

  // The retry of a reply that waited for the connection: sent (fetch the replies after mine) or refused.
  const outcome = outbox.outcome;
  useEffect(() => {
    if (!outcome || outcome.clientId !== clientId || sentDraft.current === null) return;
    const sent = sentDraft.current;
    sentDraft.current = null;
    if (!outcome.sent) return setError(errorText(t, outcome.error));
    setError(null);
    setClientId(newClientId());
    setDraft((current) => (current === sent ? '' : current));
    void load(null);
  }, [outcome, clientId, load, t]);

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!root) return;
    setBusy(true);
    setError(null);
    const input = { text: draft, replyToId: root.id, clientId };
    const res = await reply({ input });
    setBusy(false);
    if (isNetworkError(res.error)) {
      // No connection: kept (also across a reload) and sent again when it is back.
      sentDraft.current = draft;
      outbox.enqueue({ clientId, input });
      return setError(t('error.offlineSaved'));
    }
    if (res.error || !res.data) return setError(errorText(t, res.error));
    const mine = res.data.postMessage;
    setClientId(newClientId());
    setDraft('');
    setReplies((prev) => merge(prev, [mine]));
    setRoot((r) => (r ? { ...r, replyCount: Math.max(r.replyCount, replies.length + 1) } : r));
  }

  if (failed) return <ErrorState message={failed} onRetry={() => void load(null)} />;
  if (!root) return <FeedSkeleton count={2} />;
  const left = MAX_LENGTH - draft.trim().length;
  return (
    <>
      <p className="back-link">
        <Link href="/">← {t('thread.back')}</Link>
      </p>
      <h1 className="sr-only">{t('thread.title', { name: root.author.displayName })}</h1>
      <MessageCard message={cached?.message ?? root} onDeleted={() => setFailed(t('thread.gone'))} />
      <section className="thread" aria-labelledby="thread-replies">
        <h2 id="thread-replies">{t('thread.replies', { count: Math.max(root.replyCount, replies.length) })}</h2>
        {replies.length === 0 && <p className="muted">{t('thread.none')}</p>}
        <ol className="plain thread-replies" data-testid="replies">
          {replies.map((m) => (
            <li key={m.id} id={`reply-${m.id}`} className={m.id === id ? 'highlight' : undefined}>
              <MessageCard message={m} onDeleted={(gone) => setReplies((prev) => prev.filter((x) => x.id !== gone))} />
            </li>
          ))}
        </ol>
        {page?.hasNextPage && (
          <button type="button" className="button-quiet" onClick={() => void load(page.endCursor)}>
            {t('feed.more')}
          </button>
        )}
        {/* No replies to a message moderation hid or removed (its card offers none either). */}
        {(root.moderationState ?? 'visible') === 'visible' && <form className="card reply-form" onSubmit={send}>
          <label htmlFor="reply">{t('thread.replyLabel')}</label>
          <textarea ref={box} id="reply" rows={2} placeholder={t('message.replyPlaceholder')} value={draft} onChange={(e) => setDraft(e.target.value)} aria-describedby="reply-count" />
          <div className="row-between">
            <span id="reply-count" className={left < 0 ? 'error small' : 'muted small'}>
              {left < 0 ? t('composer.tooLong', { count: -left }) : t('composer.left', { count: left })}
            </span>
            <button type="submit" disabled={busy || waiting || draft.trim() === '' || left < 0}>
              {t('message.send')}
            </button>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>}
      </section>
    </>
  );
}
