import { segments, type Entities } from '../lib/messages.js';
import { useI18n } from '../lib/i18n.js';
import { Link } from '../lib/router.js';

/**
 * Message text with links, mentions and hashtags made clickable; everything else stays text. A message
 * moderation removed (only its author and moderators see it) shows that state in the reader's language.
 */
export function RichText({ text, entities, moderationState }: { text: string; entities: Entities; moderationState?: string }) {
  const { t } = useI18n();
  if (moderationState === 'removed') return <p className="message-text muted">{t('moderation.removedContent')}</p>;
  return (
    <p className="message-text">
      {segments(text, entities).map((s, i) => {
        switch (s.kind) {
          case 'link':
            return /^https?:\/\//i.test(s.url) ? (
              <a key={i} href={s.url} target="_blank" rel="noopener noreferrer nofollow">
                {s.text}
              </a>
            ) : (
              <span key={i}>{s.text}</span>
            );
          case 'mention':
            return (
              <Link key={i} href={`/people/${s.personId}`} className="mention">
                {s.text}
              </Link>
            );
          case 'hashtag':
            return (
              <span key={i} className="hashtag">
                {s.text}
              </span>
            );
          default:
            return <span key={i}>{s.text}</span>;
        }
      })}
    </p>
  );
}
