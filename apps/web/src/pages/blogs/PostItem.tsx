import { Icon } from '../../components/Icons.js';
import { useI18n } from '../../lib/i18n.js';
import { Link } from '../../lib/router.js';
import type { PostSummary } from './fragments.js';
import './blogs.css';

/** One post in a list: its cover, title, author, date, tags, and its like and comment counts. */
export function PostItem({ p }: { p: PostSummary }) {
  const { t, formatDate } = useI18n();
  return (
    <li>
      <Link href={`/blogs/${p.id}`} className="group-card post-item" data-testid="post-item">
        {p.coverUrl && <img className="post-item-cover" src={p.coverUrl} alt="" loading="lazy" />}
        <span className="post-item-text">
          <span className="author post-item-title">{p.title}</span>
          <span className="muted small">
            {t('blogs.by', { name: p.author.displayName })}
            {p.publishedAt ? ` · ${formatDate(p.publishedAt)}` : ''}
          </span>
          {p.tags.length > 0 && <span className="small hashtag">{p.tags.map((x) => `#${x}`).join(' ')}</span>}
          <span className="muted small post-item-counts">
            <span>
              <Icon name="heart" size={16} /> <span data-testid="post-likes">{t('blogs.likes', { count: p.likeCount })}</span>
            </span>
            <span>
              <Icon name="comment" size={16} /> <span data-testid="post-comments">{t('blogs.comments', { count: p.commentCount })}</span>
            </span>
          </span>
        </span>
      </Link>
    </li>
  );
}
