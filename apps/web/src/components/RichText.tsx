import { segments, type Entities } from '../lib/messages.js';
import { Link } from '../lib/router.js';

/**
 * Message text with links, mentions and hashtags made clickable; everything else stays text.
 * A mention shows the person's name (from `mentions`) and leads to their profile; a hashtag leads
 * to its feed.
 */
export function RichText({ text, entities, mentions }: { text: string; entities: Entities; mentions?: { id: string; displayName: string }[] }) {
  const names = new Map((mentions ?? []).map((p) => [p.id, p.displayName]));
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
          case 'mention': {
            const name = names.get(s.personId);
            return (
              <Link key={i} href={`/people/${s.personId}`} className="mention" title={s.text}>
                {name ? `@${name}` : s.text}
              </Link>
            );
          }
          case 'hashtag':
            return (
              <Link key={i} href={`/hashtags/${encodeURIComponent(s.tag)}`} className="hashtag">
                {s.text}
              </Link>
            );
          default:
            return <span key={i}>{s.text}</span>;
        }
      })}
    </p>
  );
}
