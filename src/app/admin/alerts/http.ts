/** JSON calls of the alert settings screen (PUT included), with the session's CSRF header on every write. */
import { CANNOT_REACH } from '../../i18n/alerts';

export type Result<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export async function send<T>(csrf: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    return { ok: false, status: 0, message: `${CANNOT_REACH} (${(e as Error).message})` };
  }
  const data = (await res.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!res.ok) return { ok: false, status: res.status, message: data?.message ?? `HTTP ${res.status}` };
  return { ok: true, data: data as T };
}

export interface WindowList {
  sites: { id: string; name: { zh: string; en: string }; timeZone: string }[];
  windows: { id: string; siteId: string; number: string; name: { zh: string; en: string } }[];
}
