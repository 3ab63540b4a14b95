import { segments, type Entities } from '../lib/messages.js';
import { Link } from '../lib/router.js';

/** Message text with links, mentions and hashtags made clickable; everything else stays text. */
export function RichText({ text, entities }: { text: string; entities: Entities }) {
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
