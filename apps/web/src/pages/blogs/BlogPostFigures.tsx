import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { graphql, type ResultOf } from '../../lib/gql.js';
import { useI18n } from '../../lib/i18n.js';

const STATS = graphql(`query BlogPostFigures($postId: ID!) { blogPostStats(postId: $postId) {
  views uniqueReaders completedReaders readThroughRate comments commentsAnswered
} }`);

/** The author's figures for a post: how many read it and commented, in aggregate only (never who). */
export function BlogPostFigures({ postId, commentCount }: { postId: string; commentCount: number }) {
  const { t, formatNumber } = useI18n();
  const client = useClient();
  const [stats, setStats] = useState<ResultOf<typeof STATS>['blogPostStats'] | null>(null);
  useEffect(() => {
    void client
      .query(STATS, { postId }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((r) => r.data && setStats(r.data.blogPostStats));
  }, [client, postId, commentCount]);
  if (!stats) return null;
  const rate = stats.readThroughRate === null ? null : Math.round(stats.readThroughRate * 100);
  return (
    <section className="post-figures" aria-labelledby="figures-title" data-testid="post-figures">
      <h2 id="figures-title" className="small-heading">{t('blogs.figures.title')}</h2>
      <dl className="figures">
        <div>
          <dt>{t('blogs.figures.readers')}</dt>
          <dd data-testid="figure-readers">{formatNumber(stats.uniqueReaders)}</dd>
        </div>
        <div>
          <dt>{t('blogs.figures.completed')}</dt>
          <dd>{rate === null ? formatNumber(stats.completedReaders) : t('blogs.figures.completedRate', { count: stats.completedReaders, rate })}</dd>
        </div>
        <div>
          <dt>{t('blogs.figures.comments')}</dt>
          <dd data-testid="figure-comments">{formatNumber(commentCount)}</dd>
        </div>
        <div>
          <dt>{t('blogs.figures.answered')}</dt>
          <dd>{t('blogs.figures.answeredOf', { answered: stats.commentsAnswered, total: stats.comments })}</dd>
        </div>
      </dl>
      <p className="muted small">{t('blogs.figures.private')}</p>
    </section>
  );
}
