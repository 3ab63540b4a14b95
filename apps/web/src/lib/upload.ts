/** POST /uploads with the session token: returns the upload id a mutation then uses. */
export async function uploadFile(file: File, token: string | null): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch('/uploads', { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await res.json().catch(() => ({}))) as { id?: string; message?: string };
  if (!res.ok || !body.id) throw new Error(body.message ?? res.statusText);
  return body.id;
}

export function gqlError(error: { graphQLErrors?: { message: string }[]; message: string } | undefined): string | null {
  if (!error) return null;
  return error.graphQLErrors?.[0]?.message ?? error.message;
}
