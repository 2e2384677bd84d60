/**
 * The one browser client of the staff screens: same-origin JSON, the session's CSRF token on every write,
 * and every answer checked against its schema from src/shared/api before a screen sees it.
 */
import * as v from 'valibot';
import { ApiErrorSchema, MeSchema, OkSchema, type Me } from '../../shared/api';
import { firstIssue } from '../../shared/wire';
import type { Failure } from '../i18n/format';

export type { Me };
export type ApiResult<T> = { ok: true; data: T } | ({ ok: false } & Failure);

let csrf: string | null = null;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

/** A failed answer: the endpoint's error body when it sent one, else its status. */
async function failure(res: Response): Promise<{ ok: false } & Failure> {
  const parsed = v.safeParse(ApiErrorSchema, await res.json().catch(() => null));
  if (parsed.success) return { ok: false, status: res.status, ...parsed.output };
  return { ok: false, status: res.status, error: `http_${res.status}`, message: res.statusText || `HTTP ${res.status}` };
}

async function call<S extends v.GenericSchema>(method: Method, url: string, schema: S, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<v.InferOutput<S>>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    return { ok: false, status: 0, error: 'offline', message: (e as Error).message };
  }
  if (!res.ok) return failure(res);
  const parsed = v.safeParse(schema, await res.json().catch(() => undefined));
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.issues);
    return { ok: false, status: res.status, error: 'bad_answer', field: field || 'body', message };
  }
  return { ok: true, data: parsed.output };
}

/** A checked GET: the answer must match `schema` (from src/shared/api) before a screen sees it. */
function get<S extends v.GenericSchema>(url: string, schema: S, headers?: Record<string, string>): Promise<ApiResult<v.InferOutput<S>>> {
  return call('GET', url, schema, undefined, headers);
}

/** A checked POST with the session's CSRF token. */
function post<S extends v.GenericSchema>(url: string, body: unknown, schema: S): Promise<ApiResult<v.InferOutput<S>>> {
  return call('POST', url, schema, body);
}

export const api = {
  /** `headers` carry another credential, e.g. the public display's bearer token. */
  get,
  post,
  patch: <S extends v.GenericSchema>(url: string, body: unknown, schema: S) => call('PATCH', url, schema, body),
  put: <S extends v.GenericSchema>(url: string, body: unknown, schema: S) => call('PUT', url, schema, body),
  /** The signed-in user, or null; keeps the CSRF token for later writes. */
  async me(): Promise<Me | null> {
    const r = await call('GET', '/api/v1/auth/me', MeSchema);
    if (!r.ok) return null;
    csrf = r.data.csrf;
    return r.data;
  },
  async login(username: string, password: string): Promise<ApiResult<Me>> {
    const r = await call('POST', '/api/v1/auth/login', MeSchema, { username, password });
    if (r.ok) csrf = r.data.csrf;
    return r;
  },
  async logout(): Promise<void> {
    await call('POST', '/api/v1/auth/logout', OkSchema, {});
    csrf = null;
  },
  /** The CSRF token, for the one write made by a form post (a personal-data download, whose answer is saved as a file). */
  csrf: (): string => csrf ?? '',
};
