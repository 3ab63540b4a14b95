import { errorText } from './errors.js';
import type { MessageKey } from './i18n.js';

/** What a failed GraphQL write says: the message (in the reader's language), and the input field it names (extensions.field). */
export interface FormError {
  message: string;
  field: string | null;
}

type GqlErrorLike = { graphQLErrors?: { message: string; extensions?: Record<string, unknown> }[]; networkError?: unknown; message: string } | undefined;
type Translate = (key: MessageKey, vars?: Record<string, string | number | Date>) => string;

export function formError(error: GqlErrorLike, t: Translate): FormError | null {
  if (!error) return null;
  const field = error.graphQLErrors?.[0]?.extensions?.field;
  return { message: errorText(t, error) ?? t('app.error'), field: typeof field === 'string' ? field : null };
}

/** True when the server's error is about this input (or an entry of it: `services[2]`). */
export function isAbout(error: FormError | null, field: string): boolean {
  return !!error?.field && (error.field === field || error.field.startsWith(`${field}[`) || error.field.startsWith(`${field}.`));
}

/** Splits a comma- or newline-separated list the user typed into trimmed entries. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
