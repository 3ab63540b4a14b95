import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { RelativeTime } from '../../components/RelativeTime.js';
import { ReportForm } from '../../components/ReportDialog.js';
import { useAuth } from '../../lib/auth.js';
import { errorText } from '../../lib/errors.js';
import { graphql } from '../../lib/gql.js';
import { useI18n } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import { ModerationNotice } from './ModerationNotice.js';
import type { Comment, Post } from './post-query.js';

const COMMENT = graphql(`mutation CommentOnBlogPost($postId: ID!, $text: String!, $parentId: ID) { commentOnBlogPost(postId: $postId, text: $text, parentId: $parentId) { id } }`);
const MARK = graphql(`mutation MarkBlogAnswer($commentId: ID!) { markBlogCommentAsAnswer(commentId: $commentId) { id } }`);
const UNMARK = graphql(`mutation UnmarkBlogAnswer($commentId: ID!) { unmarkBlogCommentAsAnswer(commentId: $commentId) { id } }`);

/**
 * The comments of a post, oldest first with their replies, under a count that is the same as in
 * the list. The answer the author marked (never implied by a reply) is shown first, highlighted;
 * the author marks and unmarks it on any comment.
 */
export function BlogComments({ post, reload }: { post: Post; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const { person } = useAuth();
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const [reporting, setReporting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, comment] = useMutation(COMMENT);
  const [, mark] = useMutation(MARK);
  const [, unmark] = useMutation(UNMARK);
  const all = post.comments.flatMap((c) => [c, ...c.replies]);
  const answer = all.find((c) => c.isAnswer && c.moderationState === 'visible') ?? null;
  const canMark = post.viewerCan.edit;

  async function send(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await comment({ postId: post.id, text, parentId: replyTo?.id ?? null });
    if (res.error) return setError(errorText(t, res.error));
    setText('');
    setReplyTo(null);
    await reload();
  }

  async function toggleAnswer(c: Comment) {
    setError(null);
    const res = await (c.isAnswer ? unmark({ commentId: c.id }) : mark({ commentId: c.id }));
    if (res.error) return setError(errorText(t, res.error));
    await reload();
  }

  const renderComment = (c: Comment, replies: Comment[] | null) => (
    <li key={c.id} className={c.isAnswer && c.moderationState === 'visible' ? 'comment is-answer' : 'comment'} data-testid="comment">
      <Link href={`/people/${c.author.id}`} className="author author-link">{c.author.displayName}</Link> <RelativeTime className="muted small" value={c.createdAt} />
      {c.isAnswer && c.moderationState === 'visible' && <span className="badge answer-badge">✓ {t('blogs.answer.badge')}</span>}
      <p className="message-text">{c.moderationState === 'removed' ? t('moderation.removedContent') : c.text}</p>
      <ModerationNotice state={c.moderationState} reason={c.moderationReason} decision={c.moderationAction} />
      <div className="comment-actions">
        {replies && !post.commentsClosed && c.moderationState === 'visible' && (
          <button type="button" className="button-link small" onClick={() => setReplyTo(c)}>
            {t('blogs.reply')}
          </button>
        )}
        {canMark && c.moderationState === 'visible' && (
          <button type="button" className="button-link small" aria-pressed={c.isAnswer} onClick={() => void toggleAnswer(c)}>
            {c.isAnswer ? t('blogs.answer.unmark') : t('blogs.answer.mark')}
          </button>
        )}
        {c.author.id !== person?.id && (
          <button type="button" className="button-link small" aria-expanded={reporting === c.id} onClick={() => setReporting(reporting === c.id ? null : c.id)}>
            {t('report.button')}
          </button>
        )}
      </div>
      {reporting === c.id && <ReportForm itemType="BLOG_COMMENT" itemId={c.id} onClose={() => setReporting(null)} />}
      {replies && replies.length > 0 && <ul className="plain replies">{replies.map((r) => renderComment(r, null))}</ul>}
    </li>
  );

  return (
    <section className="card" aria-labelledby="comments-title">
      <h2 id="comments-title" data-testid="comment-count">{t('blogs.comments', { count: post.commentCount })}</h2>
      {answer && (
        <section className="answer-box" aria-labelledby="answer-title" data-testid="answer">
          <h3 id="answer-title" className="small-heading">✓ {t('blogs.answer.title')}</h3>
          <p className="message-text">{answer.text}</p>
          <p className="muted small">
            <Link href={`/people/${answer.author.id}`}>{answer.author.displayName}</Link> · <RelativeTime value={answer.createdAt} />
          </p>
        </section>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="plain comments">{post.comments.map((c) => renderComment(c, c.replies))}</ul>
      {post.commentsClosed ? (
        <p className="muted">{t('blogs.closed')}</p>
      ) : (
        <form onSubmit={send} className="reply-form">
          <label htmlFor="c-text">{replyTo ? t('blogs.replyTo', { name: replyTo.author.displayName }) : t('blogs.comment')}</label>
          <textarea id="c-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="row-actions">
            <button type="submit" disabled={text.trim() === ''}>
              {t('blogs.commentSend')}
            </button>
            {replyTo && (
              <button type="button" className="button-quiet" onClick={() => setReplyTo(null)}>
                {t('blogs.confirm.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
