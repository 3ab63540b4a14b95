import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorText } from '../lib/errors.js';
import { useMutation } from 'urql';
import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';
import { MAX_IMAGES, MAX_LENGTH, MessageCardFields, type MessageData } from '../lib/messages.js';
import { isNetworkError, newClientId, useOutbox } from '../lib/outbox.js';
import { uploadFile } from '../lib/upload.js';
import { CampaignNudge } from './CampaignNudge.js';
import { NEW_POLL, PollEditor, type PollDraft } from './Poll.js';
import { hashtagAt, mentionAt, useHashtagSuggestions, useMentionSuggestions } from './MentionSuggestions.js';
import { graphql } from '../lib/gql.js';

/** One row of the autocomplete list: a person for @, a tag for #. */
type Option = { key: string; insert: string; label: string; detail: string };
interface Picked {
  id: number;
  file: File;
  preview: string;
  alt: string;
}
let nextImageId = 1;

const POST = graphql(`mutation PostMessage($input: PostMessageInput!) { postMessage(input: $input) { ...MessageCardFields } }`, [MessageCardFields]);
const POST_POLL = graphql(`mutation PostPoll($input: PostPollInput!) { postPoll(input: $input) { ...MessageCardFields } }`, [MessageCardFields]);

/** Write a message: counts characters, picks the audience (payroll-only only for payroll staff). */
export function Composer({ onPosted, fixedAudience, label }: { onPosted: (m: MessageData) => void; fixedAudience?: string; label?: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const { person } = auth;
  const [text, setText] = useState('');
  const [picked, setAudience] = useState('company');
  const audience = fixedAudience ?? picked;
  const [error, setError] = useState<string | null>(null);
  const [, post] = useMutation(POST);
  const [, postPoll] = useMutation(POST_POLL);
  // A poll instead of photos: the text is its question.
  const [poll, setPoll] = useState<PollDraft | null>(null);
  const [fetching, setFetching] = useState(false);
  // One id per draft: a retry of this post (lib/outbox.tsx) is stored once; a new draft gets a new id.
  const clientId = useRef(newClientId());
  const outbox = useOutbox();
  const waiting = outbox.pending.some((p) => p.clientId === clientId.current);
  const sentRef = useRef<{ text: string; images: Picked[] } | null>(null);
  const left = MAX_LENGTH - text.trim().length;
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const mention = mentionAt(text, caret);
  const hashtag = mention ? null : hashtagAt(text, caret);
  const people = useMentionSuggestions(mention?.query ?? null);
  const tags = useHashtagSuggestions(hashtag?.query ?? null);
  const token = mention ?? hashtag;
  const suggestions: Option[] = mention
    ? people.map((p) => ({ key: p.id, insert: `@${p.uid} `, label: p.displayName, detail: `@${p.uid}${p.jobTitle ? ` · ${p.jobTitle}` : ''}` }))
    : hashtag
      ? tags.map((h) => ({ key: h.tag, insert: `#${h.tag} `, label: `#${h.tag}`, detail: t('composer.tagUses', { count: h.uses }) }))
      : [];
  const open = token !== null && suggestions.length > 0;
  const [images, setImages] = useState<Picked[]>([]);
  // One line until tapped (phone-first); it stays open while there is something in it.
  const [focused, setFocused] = useState(false);
  const expanded = focused || text !== '' || images.length > 0 || poll !== null;
  const [imageError, setImageError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileId = `composer-images${useId()}`;
  const previews = useRef(images);
  useEffect(() => {
    previews.current = images;
  }, [images]);
  useEffect(() => () => previews.current.forEach((i) => URL.revokeObjectURL(i.preview)), []);

  function addImages(files: FileList | null) {
    setImageError(null);
    const list = [...(files ?? [])];
    const images_ = list.filter((f) => f.type.startsWith('image/'));
    if (images_.length < list.length) setImageError(t('composer.imageNotImage'));
    const room = MAX_IMAGES - images.length;
    if (images_.length > room) setImageError(t('composer.imageTooMany', { count: MAX_IMAGES }));
    const added = images_.slice(0, Math.max(room, 0)).map((file) => ({ id: nextImageId++, file, preview: URL.createObjectURL(file), alt: '' }));
    setImages((current) => [...current, ...added]);
    if (fileInput.current) fileInput.current.value = '';
  }

  function removeImage(id: number) {
    setImages((current) => {
      const gone = current.find((i) => i.id === id);
      if (gone) URL.revokeObjectURL(gone.preview);
      return current.filter((i) => i.id !== id);
    });
  }

  function pick(p: Option) {
    if (!token) return;
    const insert = p.insert;
    const next = text.slice(0, token.start) + insert + text.slice(caret);
    setText(next);
    const at = token.start + insert.length;
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
    const attached = images;
    let uploaded: { uploadId: string; alt: string }[] = [];
    try {
      uploaded = await Promise.all(attached.map(async (i) => ({ uploadId: await uploadFile(i.file, auth.token()), alt: i.alt })));
    } catch (err) {
      setFetching(false);
      setError(errorText(t, err));
      return;
    }
    const input = { ...(uploaded.length ? { text: submitted, audience, images: uploaded } : { text: submitted, audience }), clientId: clientId.current };
    if (poll) {
      // A poll is posted at once or not at all (no retry queue): what was typed stays on failure.
      const pollInput = {
        options: poll.options.map((o) => o.trim()),
        multipleChoice: poll.multipleChoice,
        anonymous: poll.anonymous,
        resultsVisibility: poll.resultsVisibility,
        closesAt: new Date(Date.now() + poll.hours * 3_600_000).toISOString(),
      };
      const res = await postPoll({ input: { text: submitted, audience, poll: pollInput } }).finally(() => setFetching(false));
      if (res.error || !res.data) {
        setError(errorText(t, res.error));
        return;
      }
      setPoll(null);
      posted(submitted, attached);
      onPosted(res.data.postPoll);
      return;
    }
    const res = await post({ input }).finally(() => setFetching(false));
    if (isNetworkError(res.error)) {
      // No connection: kept (also across a reload) and sent again when it is back.
      sentRef.current = { text: submitted, images: attached };
      outbox.enqueue({ clientId: clientId.current, input });
      setError(t('error.offlineSaved'));
      return;
    }
    if (res.error || !res.data) {
      setError(errorText(t, res.error));
      return; // what was typed stays
    }
    posted(submitted, attached);
    onPosted(res.data.postMessage);
  }

  // Clear only what was posted: anything typed while it was on its way stays.
  function posted(submitted: string, attached: Picked[]) {
    clientId.current = newClientId();
    setText((current) => (current === submitted ? '' : current));
    setImages((current) => {
      current.filter((i) => attached.includes(i)).forEach((i) => URL.revokeObjectURL(i.preview));
      return current.filter((i) => !attached.includes(i));
    });
  }

  // The retry of a post that waited for the connection: done (the cache put it in the feeds) or refused.
  const outcome = outbox.outcome;
  useEffect(() => {
    if (!outcome || outcome.clientId !== clientId.current || !sentRef.current) return;
    const { text: submitted, images: attached } = sentRef.current;
    sentRef.current = null;
    if (outcome.sent) {
      setError(null);
      posted(submitted, attached);
    } else setError(errorText(t, outcome.error));
    // Runs once per outcome; `posted` only sets state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outcome]);

  return (
    <form
      className={expanded ? 'card composer' : 'card composer composer-collapsed'}
      onSubmit={submit}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <label htmlFor="composer-text">{label ?? t('composer.label')}</label>
      <textarea
        ref={area}
        id="composer-text"
        rows={expanded ? 3 : 1}
        placeholder={expanded ? t('composer.placeholder') : (label ?? t('composer.label'))}
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
        aria-activedescendant={open ? `suggestion-${active}` : undefined}
        role="combobox"
      />
      {open && (
        <ul id="mention-list" role="listbox" className="suggestions" aria-label={mention ? t('composer.mentions') : t('composer.hashtags')}>
          {suggestions.map((p, i) => (
            <li key={p.key} id={`suggestion-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); pick(p); }}>
              <strong>{p.label}</strong> <span className="muted small">{p.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {images.length > 0 && (
        <ul className="composer-images" aria-label={t('composer.images')}>
          {images.map((img, i) => (
            <li key={img.id}>
              <img src={img.preview} alt="" />
              <label className="small" htmlFor={`composer-alt-${img.id}`}>
                {t('composer.imageAlt', { n: i + 1 })}
              </label>
              <input id={`composer-alt-${img.id}`} value={img.alt} maxLength={1000} onChange={(e) => setImages((cur) => cur.map((c) => (c.id === img.id ? { ...c, alt: e.target.value } : c)))} />
              <button type="button" className="button-quiet small" onClick={() => removeImage(img.id)}>
                {t('composer.imageRemove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {poll && <PollEditor draft={poll} onChange={setPoll} />}
      <div className="composer-row">
        <button type="button" className="button-quiet" aria-pressed={poll !== null} disabled={images.length > 0} onClick={() => setPoll(poll ? null : NEW_POLL)}>
          {poll ? t('poll.removePoll') : t('poll.addPoll')}
        </button>
        <label className={`button-like button-quiet${images.length >= MAX_IMAGES || poll ? ' disabled' : ''}`} htmlFor={fileId}>
          {t('composer.addImages')}
        </label>
        <input
          ref={fileInput}
          id={fileId}
          className="sr-only"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          disabled={images.length >= MAX_IMAGES || poll !== null}
          onChange={(e) => addImages(e.target.files)}
        />
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
        <button type="submit" disabled={fetching || waiting || (text.trim() === '' && images.length === 0) || left < 0 || (poll !== null && poll.options.some((o) => !o.trim()))}>
          {fetching ? t('composer.posting') : t('composer.post')}
        </button>
      </div>
      <CampaignNudge text={text} />
      {(error || imageError) && (
        <p className="error" role="alert">
          {error ?? imageError}
        </p>
      )}
    </form>
  );
}
