import { messageFor } from '../lib/errors.js';
import { useI18n, type MessageKey } from '../lib/i18n.js';
import nl from '../locales/nl.json';

export interface ReasonData {
  code: string;
  params: { name: string; value: string }[];
}

/**
 * Why an import row was rejected or warned about, in the reader's language: the server sends a reason
 * code and its parameters (the field, the value, the line); its English `reason` is for API clients.
 */
export function ImportReason({ reason }: { reason: ReasonData }) {
  const { t } = useI18n();
  const params: Record<string, string> = Object.fromEntries(reason.params.map((p) => [p.name, p.value]));
  // A photo the photo check refused says why in the photo check's own words (an error message key).
  if (reason.code === 'photo_rejected') params.detail = messageFor(t, params.detailKey) ?? t('error.code.BAD_USER_INPUT');
  const key = `import.reason.${reason.code}`;
  return <>{key in nl ? t(key as MessageKey, params) : t('import.reason.other')}</>;
}
