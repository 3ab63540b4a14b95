import { useCallback, useEffect, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { ErrorState, Loading } from '../../components/States.js';
import { errorText } from '../../lib/errors.js';
import { useI18n, type MessageKey } from '../../lib/i18n.js';
import { graphql, type ResultOf } from '../../lib/gql.js';

const GET = graphql(`query MyMailSettings { myMailSettings { digestDay email bouncedAt kinds { kind enabled } } }`);
const UPDATE = graphql(`mutation UpdateMailSettings($input: UpdateMailSettingsInput!) { updateMailSettings(input: $input) { digestDay email bouncedAt kinds { kind enabled } } }`);

type Settings = ResultOf<typeof GET>['myMailSettings'];
type Kind = Settings['kinds'][number]['kind'];

const KIND_LABEL: Record<Kind, MessageKey> = {
  MENTION: 'mail.kind.mention',
  REPLY: 'mail.kind.reply',
  BLOG_COMMENT: 'mail.kind.blogComment',
  JOIN_REQUEST: 'mail.kind.joinRequest',
  MODERATION: 'mail.kind.moderation',
  NOTICE: 'mail.kind.notice',
  DIGEST: 'mail.kind.digest',
};
const DAYS: MessageKey[] = ['mail.day.1', 'mail.day.2', 'mail.day.3', 'mail.day.4', 'mail.day.5', 'mail.day.6', 'mail.day.7'];

/** /settings/mail: which mail you get, and on which day the weekly digest comes. Saves on each change. */
export function MailSettingsPage() {
  const { t } = useI18n();
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failed, setFailed] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, update] = useMutation(UPDATE);

  const load = useCallback(async () => {
    const res = await client.query(GET, {}).toPromise();
    if (res.error || !res.data) return setFailed(true);
    setFailed(false);
    setSettings(res.data.myMailSettings);
  }, [client]);
  useEffect(() => void load(), [load]);

  // Shown at once (the box ticks when tapped); put back, with the reason, if the server refuses.
  const save = async (input: { kinds?: { kind: Kind; enabled: boolean }[]; digestDay?: number }) => {
    const before = settings;
    setSaved(false);
    setError(null);
    setSettings((s) => s && { ...s, digestDay: input.digestDay ?? s.digestDay, kinds: s.kinds.map((k) => input.kinds?.find((c) => c.kind === k.kind) ?? k) });
    const res = await update({ input });
    if (res.error || !res.data) {
      setSettings(before);
      return setError(errorText(t, res.error) ?? t('app.error'));
    }
    setSettings(res.data.updateMailSettings);
    setSaved(true);
  };

  if (failed) return <ErrorState onRetry={() => void load()} />;
  if (!settings) return <Loading />;
  const digestOn = settings.kinds.find((k) => k.kind === 'DIGEST')?.enabled ?? true;
  return (
    <section className="card">
      <h1>{t('mail.settings.title')}</h1>
      <p>{t('mail.settings.intro', { email: settings.email })}</p>
      {settings.bouncedAt && (
        <p className="alert" role="alert">
          {t('mail.settings.bounced')}
        </p>
      )}
      <fieldset>
        <legend>{t('mail.settings.kinds')}</legend>
        {settings.kinds.map((k) => (
          <label key={k.kind} className="check">
            <input type="checkbox" checked={k.enabled} onChange={(e) => void save({ kinds: [{ kind: k.kind, enabled: e.target.checked }] })} />
            {t(KIND_LABEL[k.kind])}
          </label>
        ))}
      </fieldset>
      <label htmlFor="digest-day">{t('mail.settings.digestDay')}</label>
      <select id="digest-day" value={settings.digestDay} disabled={!digestOn} onChange={(e) => void save({ digestDay: Number(e.target.value) })}>
        {DAYS.map((key, i) => (
          <option key={key} value={i + 1}>
            {t(key)}
          </option>
        ))}
      </select>
      <p role="status" aria-live="polite">
        {saved ? t('mail.settings.saved') : ''}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
