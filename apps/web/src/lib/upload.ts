import { ApiError } from './errors.js';

/** POST /uploads with the session token: returns the upload id a mutation then uses. */
export async function uploadFile(file: File, token: string | null): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch('/uploads', { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = (await res.json().catch(() => ({}))) as { id?: string; code?: string; message?: string } & Record<string, unknown>;
  // The server's codes travel on (errors.ts says them in the reader's language); its English message is for API clients.
  if (!res.ok || !body.id) throw new ApiError(body.code ?? 'INTERNAL_SERVER_ERROR', body.message ?? res.statusText, body);
  return body.id;
}
