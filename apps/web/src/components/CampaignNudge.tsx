import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { useI18n } from '../lib/i18n.js';
import { graphql } from '../lib/gql.js';

const MATCH = graphql(`query MatchCampaign($text: String!) { matchCampaign(text: $text) { similarity campaign { id authorCount } } }`);

/** Fewer words than this never make a campaign (the server's rule), so nothing to ask. */
const MIN_WORDS = 6;

/**
 * Under the composer: when what is typed matches a circulating campaign, invite the writer to add
 * their own words. Never blocks posting; asks the server at most once per pause in typing.
 */
export function CampaignNudge({ text }: { text: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [authors, setAuthors] = useState<number | null>(null);

  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed.split(/\s+/).length < MIN_WORDS) {
      setAuthors(null);
      return;
    }
    let stale = false;
    const timer = window.setTimeout(async () => {
      const res = await client.query(MATCH, { text: trimmed.slice(0, 1000) }).toPromise();
      if (!stale) setAuthors(res.data?.matchCampaign?.campaign.authorCount ?? null);
    }, 600);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [client, text]);

  return (
    <p className="nudge small" role="status" aria-live="polite" data-testid="campaign-nudge" hidden={authors === null}>
      {authors !== null && t('campaign.nudge', { count: authors })}
    </p>
  );
}
