/** What a failed GraphQL write says: the message, and the input field it names (extensions.field). */
export interface FormError {
  message: string;
  field: string | null;
}

type GqlErrorLike = { graphQLErrors?: { message: string; extensions?: Record<string, unknown> }[]; message: string } | undefined;

export function formError(error: GqlErrorLike): FormError | null {
  if (!error) return null;
  const first = error.graphQLErrors?.[0];
  const field = first?.extensions?.field;
  return { message: first?.message ?? error.message, field: typeof field === 'string' ? field : null };
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
