import { useI18n, type MessageKey } from '../../lib/i18n.js';
import type { Membership } from './documents.js';

/** The viewer's place in a group, in a word: Eigenaar, Beheerder, Lid, Aanvraag verstuurd, Uitgenodigd; nothing otherwise. */
export function membershipLabel(m: Membership): MessageKey | null {
  if (!m) return null;
  if (m.status === 'ACTIVE') return m.role === 'OWNER' ? 'groups.pill.owner' : m.role === 'ADMIN' ? 'groups.pill.admin' : 'groups.pill.member';
  if (m.status === 'REQUESTED') return 'groups.pill.requested';
  if (m.status === 'INVITED') return 'groups.pill.invited';
  return null;
}

export function MembershipPill({ membership }: { membership: Membership }) {
  const { t } = useI18n();
  const key = membershipLabel(membership);
  if (!key) return null;
  const tone = membership?.status === 'ACTIVE' ? 'pill-member' : 'pill-pending';
  return (
    <span className={`pill ${tone}`} data-testid="membership-pill">
      {t(key)}
    </span>
  );
}
