import { useId, useState } from 'react';
import { useI18n } from '../lib/i18n.js';
import type { MessageData } from '../lib/messages.js';
import { MessageCard } from './MessageCard.js';

/** A feed entry: one message, or the messages of one copy-paste campaign shown once. */
export type FeedEntry = { kind: 'message'; message: MessageData } | { kind: 'campaign'; campaignId: string; messages: MessageData[]; authorCount: number };

/**
 * Collapses the loaded messages of one campaign into one entry, at the place of its newest one
 * ("Frank and 11 colleagues posted this"). A campaign with one loaded message stays a plain card.
 */
export function groupCampaigns(items: MessageData[]): FeedEntry[] {
  const byCampaign = new Map<string, MessageData[]>();
  for (const m of items) if (m.campaignId && !m.original) byCampaign.set(m.campaignId, [...(byCampaign.get(m.campaignId) ?? []), m]);
  const out: FeedEntry[] = [];
  const placed = new Set<string>();
  for (const m of items) {
    const group = m.campaignId && !m.original ? byCampaign.get(m.campaignId) : undefined;
    if (!group || group.length < 2) {
      out.push({ kind: 'message', message: m });
      continue;
    }
    if (placed.has(m.campaignId!)) continue;
    placed.add(m.campaignId!);
    const authors = new Set(group.map((g) => g.author.id)).size;
    out.push({ kind: 'campaign', campaignId: m.campaignId!, messages: group, authorCount: Math.max(authors, m.campaign?.authorCount ?? 0) });
  }
  return out;
}

/** One campaign in a feed: its newest post, "… and N colleagues posted this", the versions on request. */
export function CampaignCluster({ entry, onDeleted }: { entry: Extract<FeedEntry, { kind: 'campaign' }>; onDeleted?: (id: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const [first, ...rest] = entry.messages;
  const others = entry.authorCount - 1;
  return (
    <article className="campaign-cluster" data-testid="campaign-cluster" aria-label={t('campaign.cluster', { name: first.author.displayName, count: others })}>
      <p className="small campaign-line">
        <strong>{t('campaign.cluster', { name: first.author.displayName, count: others })}</strong>
      </p>
      <MessageCard message={first} onDeleted={onDeleted} />
      <div id={listId} className="feed" hidden={!open}>
        {open && rest.map((m) => <MessageCard key={m.id} message={m} onDeleted={onDeleted} />)}
      </div>
      <button type="button" className="button-quiet" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {open ? t('campaign.hideVariations') : t('campaign.showVariations', { count: entry.messages.length })}
      </button>
    </article>
  );
}
