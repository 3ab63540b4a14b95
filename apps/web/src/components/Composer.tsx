import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation } from 'urql';
import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { MAX_LENGTH, MESSAGE_FRAGMENT, type MessageData } from '../lib/messages.js';
import { CampaignNudge } from './CampaignNudge.js';
import { mentionAt, useMentionSuggestions, type Suggestion } from './MentionSuggestions.js';

const POST = `${MESSAGE_FRAGMENT} mutation Post($input: PostMessageInput!) { postMessage(input: $input) { ...MessageCardFields } }`;

/** Write a message: counts characters, picks the audience (payroll-only only for payroll staff). */
export function Composer({ onPosted, fixedAudience, label }: { onPosted: (m: MessageData) => void; fixedAudience?: string; label?: string }) {
  const { t } = useI18n();
  const { person } = useAuth();
  const [text, setText] = useState('');
  const [picked, setAudience] = useState('company');
  const audience = fixedAudience ?? picked;
  const [error, setError] = useState<string | null>(null);
  const [, post] = useMutation<{ postMessage: MessageData }>(POST);
  const [fetching, setFetching] = useState(false);
  const left = MAX_LENGTH - text.trim().length;
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const mention = mentionAt(text, caret);
  const suggestions = useMentionSuggestions(mention?.query ?? null);
  const open = mention !== null && suggestions.length > 0;

  function pick(p: Suggestion) {
    if (!mention) return;
    const insert = `@${p.uid} `;
    const next = text.slice(0, mention.start) + insert + text.slice(caret);
    setText(next);
    const at = mention.start + insert.length;
    setCaret(at);
    setActive(0);
    window.requestAnimationFrame(() => area.current?.setSelectionRange(at, at));
    area.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      pick(suggestions[active] ?? suggestions[0]);
    } else if (e.key === 'Escape') {
      setCaret(-1);
    }
  }
  const payroll = person?.employmentType === 'employee';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFetching(true);
    const submitted = text;
    const res = await post({ input: { text: submitted, audience } }).finally(() => setFetching(false));
    if (res.error || !res.data) {
      setError(res.error?.graphQLErrors[0]?.message ?? res.error?.message ?? null);
      return; // what was typed stays
    }
    // Clear only what was posted: anything typed while it was on its way stays.
    setText((current) => (current === submitted ? '' : current));
    onPosted(res.data.postMessage);
  }

  return (
    <form className="card composer" onSubmit={submit}>
      <label htmlFor="composer-text">{label ?? t('composer.label')}</label>
      <textarea
        ref={area}
        id="composer-text"
        rows={3}
        placeholder={t('composer.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
        }}
        onKeyDown={onKeyDown}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        aria-describedby="composer-count"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls="mention-list"
        role="combobox"
      />
      {open && (
        <ul id="mention-list" role="listbox" className="suggestions" aria-label={t('composer.mentions')}>
          {suggestions.map((p, i) => (
            <li key={p.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); pick(p); }}>
              <strong>{p.displayName}</strong> <span className="muted small">@{p.uid}{p.jobTitle ? ` · ${p.jobTitle}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        {!fixedAudience && (
          <>
            <label className="sr-only" htmlFor="composer-audience">
              {t('composer.audience')}
            </label>
            <select id="composer-audience" value={audience} onChange={(e) => setAudience(e.target.value)} title={t('composer.audience')}>
              <option value="company">{t('composer.audience.company')}</option>
              {payroll && <option value="employees">{t('composer.audience.employees')}</option>}
            </select>
          </>
        )}
        <span id="composer-count" className={left < 0 ? 'error small' : 'muted small'} aria-live="polite">
          {left < 0 ? t('composer.tooLong', { count: -left }) : t('composer.left', { count: left })}
        </span>
        <button type="submit" disabled={fetching || text.trim() === '' || left < 0}>
          {fetching ? t('composer.posting') : t('composer.post')}
        </button>
      </div>
      <CampaignNudge text={text} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
