import { useEffect, useState, type FormEvent } from 'react';
import { LoginError, useAuth } from '../../lib/auth.js';
import { useI18n } from '../../lib/i18n.js';

export function LoginPage() {
  const { t, language, setLanguage } = useI18n();
  const auth = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The demo accounts and their password, only on the demo organisation (the server says so).
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    let current = true;
    void fetch('/auth/login-info')
      .then((r) => (r.ok ? (r.json() as Promise<{ demo?: boolean }>) : null))
      .then((info) => current && setDemo(info?.demo === true))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await auth.login(username, password);
    } catch (err) {
      const code = err instanceof LoginError ? err.code : 'INTERNAL_SERVER_ERROR';
      setError(
        code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT'
          ? t('login.failed')
          : code === 'RATE_LIMITED'
            ? t('login.locked', { seconds: (err as LoginError).retryAfterSeconds ?? 60 })
            : code === 'SERVICE_UNAVAILABLE'
              ? t('login.unavailable')
              : code === 'FORBIDDEN'
                ? t('login.deactivated')
                : err instanceof TypeError // fetch() without a connection
                  ? t('error.network')
                  : t('app.error'),
      );
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <div className="login-brand">
          <img src="/icon.svg" alt="" width={48} height={48} />
          <div>
            <h1>{t('login.title')}</h1>
            <p className="muted">{t('app.tagline')}</p>
          </div>
        </div>
        <p>{t('login.intro')}</p>
        <label htmlFor="username">{t('login.username')}</label>
        <input id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">{t('login.password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error && (
          <p id="login-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        {demo && (
          <p className="muted small" data-testid="login-demo">
            {t('login.demo')}
          </p>
        )}
        <p className="small">
          <button type="button" className="button-link" onClick={() => setLanguage(language === 'nl' ? 'en' : 'nl')} lang={language === 'nl' ? 'en' : 'nl'}>
            {language === 'nl' ? 'English' : 'Nederlands'}
          </button>
        </p>
      </form>
    </main>
  );
}
