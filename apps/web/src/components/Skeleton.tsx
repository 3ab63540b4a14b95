import { useI18n } from '../lib/i18n.js';

/** Grey placeholder cards in the shape of messages while a feed or thread loads. */
export function FeedSkeleton({ count = 3 }: { count?: number }) {
  const { t } = useI18n();
  return (
    <div className="skeletons" role="status" aria-live="polite" data-testid="skeleton">
      <span className="sr-only">{t('app.loading')}</span>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="card skeleton-card" aria-hidden="true">
          <div className="skeleton-head">
            <span className="skeleton skeleton-avatar" />
            <span className="skeleton-lines">
              <span className="skeleton skeleton-line" style={{ width: '40%' }} />
              <span className="skeleton skeleton-line" style={{ width: '25%' }} />
            </span>
          </div>
          <span className="skeleton skeleton-line" />
          <span className="skeleton skeleton-line" style={{ width: '80%' }} />
        </div>
      ))}
    </div>
  );
}
