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

/** 2026-11-23 14:05 in the browser's zone; '—' for none. */
export function when(ms: number | string | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** 1.2 MB */
export function bytes(n: number | null): string {
  if (n === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}
