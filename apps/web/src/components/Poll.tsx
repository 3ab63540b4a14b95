import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import { errorText } from '../lib/errors.js';
import { useI18n } from '../lib/i18n.js';
import { useLive } from '../lib/socket.js';
import { POLL_FIELDS, type PollData } from '../lib/polls.js';
import { ReportForm } from './ReportDialog.js';

const POLL = `query Poll($id: ID!) { poll(id: $id) { ${POLL_FIELDS} } }`;
const VOTE = `mutation VotePoll($pollId: ID!, $optionIds: [ID!]!) { votePoll(pollId: $pollId, optionIds: $optionIds) { ${POLL_FIELDS} } }`;
const CLOSE = `mutation ClosePoll($pollId: ID!) { closePoll(pollId: $pollId) { ${POLL_FIELDS} } }`;

/**
 * A message's poll: choose and vote, then (when the author allows it) see the results, which update
 * live as colleagues vote (the socket says "poll.voted"; results depend on the reader, so the poll is
 * fetched again rather than taken from the event).
 */
export function PollView({ poll: given, mine }: { poll: PollData; mine: boolean }) {
  const { t, formatDate, formatNumber } = useI18n();
  const client = useClient();
  const [poll, setPoll] = useState(given);
  const [chosen, setChosen] = useState<string[]>(given.myVoteOptionIds);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [, vote] = useMutation<{ votePoll: PollData }>(VOTE);
  const [, close] = useMutation<{ closePoll: PollData }>(CLOSE);
  const name = useId();
  useEffect(() => setPoll(given), [given]);

  const refresh = useCallback(
    (e: { pollId?: string }) => {
      if (e.pollId !== poll.id) return;
      void client
        .query<{ poll: PollData | null }>(POLL, { id: poll.id }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((res) => {
          if (res.data?.poll) setPoll(res.data.poll);
        });
    },
    [client, poll.id],
  );
  useLive('poll.voted', refresh);
  useLive('poll.closed', refresh);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await vote({ pollId: poll.id, optionIds: chosen });
    setBusy(false);
    if (res.error || !res.data) setError(errorText(t, res.error));
    else setPoll(res.data.votePoll);
  }

  async function closeNow() {
    setBusy(true);
    const res = await close({ pollId: poll.id });
    setBusy(false);
    if (res.error || !res.data) setError(errorText(t, res.error));
    else setPoll(res.data.closePoll);
  }

  const taken = poll.moderationState !== 'visible';
  const open = !poll.closed && !taken;
  const voted = poll.myVoteOptionIds.length > 0;
  const total = poll.options.reduce((n, o) => n + (o.votes ?? 0), 0);
  const toggle = (id: string) => setChosen((c) => (poll.multipleChoice ? (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]) : [id]));
  return (
    <form className="poll" data-testid="poll" data-poll-id={poll.id} onSubmit={submit} aria-labelledby={`${name}-title`}>
      <fieldset disabled={!open || busy}>
        <legend id={`${name}-title`} className="poll-title small">
          {t(poll.multipleChoice ? 'poll.multiple' : 'poll.single')}
          {poll.anonymous ? ` · ${t('poll.anonymous')}` : ` · ${t('poll.named')}`}
        </legend>
        <ul className="poll-options">
          {poll.options.map((o) => {
            const share = o.votes !== null && total > 0 ? o.votes / total : 0;
            return (
              <li key={o.id} className={poll.myVoteOptionIds.includes(o.id) ? 'poll-option mine' : 'poll-option'}>
                <label>
                  <input type={poll.multipleChoice ? 'checkbox' : 'radio'} name={name} value={o.id} checked={chosen.includes(o.id)} onChange={() => toggle(o.id)} />
                  <span className="poll-label">{o.label}</span>
                  {poll.resultsVisible && o.votes !== null && (
                    <span className="poll-count small" data-testid="poll-count">
                      {t('poll.votes', { count: o.votes })} · {formatNumber(Math.round(share * 100))}%
                    </span>
                  )}
                </label>
                {poll.resultsVisible && <span className="poll-bar" style={{ width: `${Math.round(share * 100)}%` }} aria-hidden="true" />}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <p className="muted small poll-meta">
        {poll.resultsVisible && poll.totalVoters !== null ? <span data-testid="poll-voters">{t('poll.voters', { count: poll.totalVoters })}</span> : <span>{t(poll.resultsVisibility === 'AFTER_CLOSE' ? 'poll.resultsAfterClose' : 'poll.resultsAfterVote')}</span>}
        {' · '}
        {taken ? t('poll.taken') : poll.closed ? t('poll.closed') : t('poll.closes', { when: formatDate(poll.closesAt) })}
      </p>
      {open && (
        <div className="row-actions">
          <button type="submit" disabled={busy || chosen.length === 0}>
            {voted ? t('poll.changeVote') : t('poll.vote')}
          </button>
          {mine && (
            <button type="button" className="button-quiet" disabled={busy} onClick={() => void closeNow()}>
              {t('poll.closeNow')}
            </button>
          )}
          {!mine && (
            <button type="button" className="button-quiet" onClick={() => setReporting(true)}>
              {t('poll.report')}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {reporting && <ReportForm itemType="POLL" itemId={poll.id} onClose={() => setReporting(false)} />}
    </form>
  );
}

export interface PollDraft {
  options: string[];
  multipleChoice: boolean;
  anonymous: boolean;
  resultsVisibility: 'AFTER_VOTE' | 'AFTER_CLOSE';
  hours: number;
}

export const NEW_POLL: PollDraft = { options: ['', ''], multipleChoice: false, anonymous: false, resultsVisibility: 'AFTER_VOTE', hours: 24 };
export const POLL_MAX_OPTIONS = 10;
const DURATIONS = [1, 24, 72, 168];

/** The poll part of the composer: 2-10 options and the author's choices. The server checks them again. */
export function PollEditor({ draft, onChange }: { draft: PollDraft; onChange: (d: PollDraft) => void }) {
  const { t } = useI18n();
  const id = useId();
  const set = (patch: Partial<PollDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="poll-editor" data-testid="poll-editor">
      <legend>{t('poll.editor')}</legend>
      <ol className="poll-editor-options">
        {draft.options.map((o, i) => (
          <li key={i}>
            <label className="sr-only" htmlFor={`${id}-o${i}`}>
              {t('poll.option', { n: i + 1 })}
            </label>
            <input id={`${id}-o${i}`} value={o} maxLength={200} placeholder={t('poll.option', { n: i + 1 })} onChange={(e) => set({ options: draft.options.map((x, j) => (j === i ? e.target.value : x)) })} />
            {draft.options.length > 2 && (
              <button type="button" className="button-quiet small" onClick={() => set({ options: draft.options.filter((_, j) => j !== i) })}>
                {t('poll.removeOption', { n: i + 1 })}
              </button>
            )}
          </li>
        ))}
      </ol>
      {draft.options.length < POLL_MAX_OPTIONS && (
        <button type="button" className="button-quiet" onClick={() => set({ options: [...draft.options, ''] })}>
          {t('poll.addOption')}
        </button>
      )}
      <label className="check">
        <input type="checkbox" checked={draft.multipleChoice} onChange={(e) => set({ multipleChoice: e.target.checked })} /> {t('poll.allowMultiple')}
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.anonymous} onChange={(e) => set({ anonymous: e.target.checked })} /> {t('poll.anonymousVotes')}
      </label>
      <label htmlFor={`${id}-results`}>{t('poll.resultsWhen')}</label>
      <select id={`${id}-results`} value={draft.resultsVisibility} onChange={(e) => set({ resultsVisibility: e.target.value as PollDraft['resultsVisibility'] })}>
        <option value="AFTER_VOTE">{t('poll.resultsAfterVote')}</option>
        <option value="AFTER_CLOSE">{t('poll.resultsAfterClose')}</option>
      </select>
      <label htmlFor={`${id}-duration`}>{t('poll.duration')}</label>
      <select id={`${id}-duration`} value={draft.hours} onChange={(e) => set({ hours: Number(e.target.value) })}>
        {DURATIONS.map((h) => (
          <option key={h} value={h}>
            {h < 24 ? t('poll.hours', { count: h }) : t('poll.days', { count: h / 24 })}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
