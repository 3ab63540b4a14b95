import { graphql, type ResultOf } from '../lib/gql.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import './moderation.css';

/** One row of the moderation audit log; the server stores codes (events, item types, states), this says them in words. */
export const AUDIT_ENTRY = graphql(`fragment AuditEntryFields on ModerationAuditEntry { id createdAt actorId event itemType itemId subjectId reason before after }`);
export type AuditEntryData = ResultOf<typeof AUDIT_ENTRY>;

/** The events ModerationService writes; anything else (older or foreign rows) is shown as its code. */
const EVENTS = [
  'report.created',
  'action.dismiss',
  'action.hide',
  'action.remove',
  'action.warn',
  'action.suspend',
  'action.escalate',
  'action.auto_hide',
  'appeal.created',
  'appeal.upheld',
  'appeal.overturned',
  'settings.auto_hide',
] as const;
const ITEM_TYPES = ['message', 'blog_post', 'blog_comment', 'profile', 'photo', 'group'] as const;
const REASONS = ['harassment_or_bullying', 'discrimination', 'confidential_or_insider_information', 'privacy_breach', 'spam_or_advertising', 'other'] as const;
const STATES = ['visible', 'hidden', 'removed'] as const;
const CASE_STATES = ['open', 'escalated', 'closed'] as const;
const APPEAL_STATES = ['open', 'upheld', 'overturned'] as const;

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The item-type word for `message`, `blog_post`, … (the audit keeps the stored lower-case codes). */
function useItemTypeWord() {
  const { t } = useI18n();
  return (type: string | null | undefined): string | null => (isOneOf(ITEM_TYPES, type) ? t(`moderation.type.${type.toUpperCase() as Uppercase<typeof type>}`) : (type ?? null));
}

/** A report's reason is stored as `code` or `code: note`; the code becomes words, the note stays as written. */
function useReasonWords() {
  const { t } = useI18n();
  return (reason: string | null): string | null => {
    if (!reason) return null;
    const m = /^([a-z_]+)(?::\s([\s\S]*))?$/.exec(reason);
    if (!m || !isOneOf(REASONS, m[1])) return reason;
    const word = t(`report.reason.${m[1].toUpperCase() as Uppercase<(typeof REASONS)[number]>}`);
    return m[2] ? `${word}: ${m[2]}` : word;
  };
}

/** What changed, as sentences: "Bericht: zichtbaar → verwijderd", "Zaak: open → afgesloten", "Geschorst tot …". */
function useChangeLines() {
  const { t, formatDate } = useI18n();
  const typeWord = useItemTypeWord();
  const none = t('moderation.audit.none');
  const state = (v: unknown) => (isOneOf(STATES, v) ? t(`moderation.state.${v}`).toLowerCase() : none);
  return (entry: AuditEntryData): string[] => {
    const before = parse(entry.before);
    const after = parse(entry.after);
    const lines: string[] = [];
    const line = (what: string, b: string, a: string) => lines.push(t('moderation.audit.changeLine', { what, before: b, after: a }));
    for (const type of ITEM_TYPES) {
      const key = `${type.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}State`;
      if (key in after) line(typeWord(type) ?? type, state(before[key]), state(after[key]));
    }
    if ('caseStatus' in after) {
      const cs = (v: unknown) => (isOneOf(CASE_STATES, v) ? t(`moderation.audit.caseStatus.${v}`) : none);
      line(t('moderation.audit.case'), cs(before.caseStatus), cs(after.caseStatus));
    }
    if ('appealStatus' in after) {
      const as = (v: unknown) => (isOneOf(APPEAL_STATES, v) ? t(`moderation.audit.appealStatus.${v}`) : none);
      line(t('moderation.audit.appeal'), as(before.appealStatus), as(after.appealStatus));
    }
    if ('suspendedUntil' in after) {
      lines.push(typeof after.suspendedUntil === 'string' ? t('moderation.audit.suspendedUntil', { date: formatDate(after.suspendedUntil) }) : t('moderation.audit.suspensionLifted'));
    }
    if ('autoHideThreshold' in after) {
      const th = (v: unknown) => (typeof v === 'number' ? t('moderation.audit.autoHideAfter', { count: v }) : t('moderation.audit.autoHideOff'));
      line(t('moderation.audit.autoHide'), th(before.autoHideThreshold), th(after.autoHideThreshold));
    }
    return lines;
  };
}

/** One audit row: when, what (in words), by whom, about which item and person, why and what changed. */
export function AuditEntryRow({ entry, who }: { entry: AuditEntryData; who: (personId: string | null) => string }) {
  const { t, formatDate } = useI18n();
  const typeWord = useItemTypeWord();
  const reasonWords = useReasonWords();
  const changes = useChangeLines()(entry);
  const reason = reasonWords(entry.reason);
  return (
    <tr data-testid="audit-entry">
      <td>
        <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time>
      </td>
      <th scope="row">{isOneOf(EVENTS, entry.event) ? t(`moderation.audit.event.${entry.event}` as MessageKey) : <code>{entry.event}</code>}</th>
      <td>{who(entry.actorId)}</td>
      <td>
        {entry.itemType ? (
          <>
            <span>{typeWord(entry.itemType)}</span> <span className="muted small">{entry.itemId?.slice(0, 8) ?? ''}</span>
          </>
        ) : (
          t('moderation.audit.none')
        )}
      </td>
      <td>{entry.subjectId ? who(entry.subjectId) : t('moderation.audit.none')}</td>
      <td>
        <span>{reason ?? t('moderation.audit.none')}</span>
        {changes.length > 0 && (
          <ul className="audit-change small" aria-label={t('admin.audit.change')}>
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
