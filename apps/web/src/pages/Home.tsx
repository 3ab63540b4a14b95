import { useAuth } from '../lib/auth.js';
import { useI18n } from '../lib/i18n.js';

export function HomePage() {
  const { t } = useI18n();
  const { person } = useAuth();
  return (
    <section className="card" aria-labelledby="home-title">
      <h1 id="home-title">{t('home.welcome', { name: person?.displayName ?? '' })}</h1>
      <p className="muted">{t('home.intro')}</p>
      <p className="state">{t('home.empty')}</p>
    </section>
  );
}
