/** Same-origin JSON calls for staff screens, with the session's CSRF token on writes. */
let csrf: string | null = null;

export interface Me { user: { username: string; role: 'admin' | 'supervisor' | 'staff'; sites: string[] }; csrf: string }

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

async function call<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    return { ok: false, status: 0, message: String((e as Error).message) };
  }
  const data = (await res.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!res.ok) return { ok: false, status: res.status, message: data?.message ?? `HTTP ${res.status}` };
  return { ok: true, data: data as T };
}

export const api = {
  get: <T>(url: string) => call<T>('GET', url),
  post: <T>(url: string, body: unknown) => call<T>('POST', url, body),
  async me(): Promise<Me | null> {
    const r = await call<Me>('GET', '/api/v1/auth/me');
    if (!r.ok) return null;
    csrf = r.data.csrf;
    return r.data;
  },
  async login(username: string, password: string): Promise<ApiResult<Me>> {
    const r = await call<Me>('POST', '/api/v1/auth/login', { username, password });
    if (r.ok) csrf = r.data.csrf;
    return r;
  },
  async logout(): Promise<void> {
    await call('POST', '/api/v1/auth/logout', {});
    csrf = null;
  },
};
