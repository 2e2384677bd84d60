/** Credentials: device token (kiosks), session cookie + CSRF header (people), or + CSRF form field (downloads). */
import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from './context';
import { kioskByToken, type Kiosk } from '../auth/kiosks';
import { findSession, type Role, type Session } from '../auth/users';
import { fail } from './errors';

export const SESSION_COOKIE = 'fk_session';
export const CSRF_HEADER = 'x-csrf-token';
/** The form field that carries the CSRF token where a header cannot: a download made by a form post. */
export const CSRF_FIELD = 'csrf';
const FORM_TYPE = 'application/x-www-form-urlencoded';

function bearer(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1] ?? null;
}

/** Accepts: an enrolled, unrevoked kiosk's device token (Authorization: Bearer). */
export function requireDevice(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // A prefix guard (/api/v1/staff/*) may have found it already in this request: looked up once.
    if (c.var.kiosk as Kiosk | undefined) return next();
    const token = bearer(c.req.header('authorization'));
    if (!token) throw fail(401, 'no_device_token', 'a device token is required (Authorization: Bearer …)');
    const kiosk = await kioskByToken(deps.store, token);
    if (!kiosk) throw fail(401, 'bad_device_token', 'the device token is unknown or revoked; enrol the kiosk again');
    c.set('kiosk', kiosk);
    await next();
  });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session of a signed-in user with one of `roles`, or the 401/403 that says why not. */
async function signedIn(deps: AppDeps, c: Context<AppEnv>, roles: readonly Role[]) {
  // A prefix guard (requireSignIn) may have found it already in this request; its role is checked again here.
  const known = c.var.session as Session | undefined;
  const token = known ? null : getCookie(c, SESSION_COOKIE);
  const session = known ?? (token ? await findSession(deps.store, token, deps.now()) : null);
  if (!session) throw fail(401, 'not_signed_in', 'sign in first');
  if (!roles.includes(session.user.role)) throw fail(403, 'forbidden', `this needs the role ${roles.join(' or ')}`);
  return session;
}

/**
 * Accepts: a signed-in user with one of `roles`, leaving the CSRF check (header or form field) to the route. Put in
 * front of a prefix whose every route needs a session, so that an unknown path there asks for sign-in as its routes
 * do, and only a user of those roles learns that it does not exist.
 */
export function requireSignIn(deps: AppDeps, roles: readonly Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('session', await signedIn(deps, c, roles));
    await next();
  });
}

/** Accepts: a signed-in user with one of `roles`; state-changing requests also need the CSRF header. */
export function requireUser(deps: AppDeps, roles: readonly Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = await signedIn(deps, c, roles);
    if (UNSAFE.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrf) {
      throw fail(403, 'csrf', `missing or wrong ${CSRF_HEADER} header`);
    }
    c.set('session', session);
    await next();
  });
}

/** A form post's fields (application/x-www-form-urlencoded); read once, as Hono keeps the body's text. */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

/** Equal secrets, compared in constant time (a token's length is no secret). */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Accepts: a signed-in user with one of `roles` whose form post carries the session's CSRF token in its `csrf` field.
 * For downloads only: the browser saves a form post's answer as a file, and a form cannot send the CSRF header.
 * The session cookie is SameSite=Strict, so another site's form arrives without it.
 */
export function requireUserForm(deps: AppDeps, roles: readonly Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = await signedIn(deps, c, roles);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== FORM_TYPE) throw fail(415, 'unsupported_media_type', `content-type must be ${FORM_TYPE}`, 'content-type');
    const given = (await formFields(c))[CSRF_FIELD] ?? '';
    if (!given || !sameSecret(given, session.csrf)) throw fail(403, 'csrf', `missing or wrong ${CSRF_FIELD} field in the form`, CSRF_FIELD);
    c.set('session', session);
    await next();
  });
}

/** The sites a user may see: all for admins, the assigned ones otherwise (staff: also their own hall). */
export function visibleSites(deps: AppDeps, user: { role: Role; sites: string[]; staffId?: string | null }): string[] {
  const all = deps.config.config.sites.map((s) => s.id);
  const own = user.role === 'staff' && user.staffId ? deps.config.staff.get(user.staffId)?.siteId : undefined;
  return user.role === 'admin' ? all : all.filter((s) => user.sites.includes(s) || s === own);
}

/** The real client address when a trusted proxy named it, else null (http/client.ts, TRUST_PROXY). */
export function proxiedClient(c: Context<AppEnv>): string | null {
  const client = c.get('client');
  return client?.forwarded ? client.address : null;
}

/** The client's address: the socket peer, or behind a trusted proxy (TRUST_PROXY) the address it forwarded; `local` in process. */
export function clientAddress(c: Context<AppEnv>): string {
  return c.get('client')?.address ?? 'local'; // set for every request by http/client.ts (TRUST_PROXY-aware)
}
