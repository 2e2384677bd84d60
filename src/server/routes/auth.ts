import { Hono } from 'hono';
import { setCookie, deleteCookie, getCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { checkLogin, closeSession, openSession } from '../auth/users';
import { clientAddress, requireUser, SESSION_COOKIE } from '../http/guards';
import { AttemptGate } from '../auth/ratelimit';
import { LOGIN_RULES } from '../auth/attempts';
import { firstIssue } from '../../shared/wire';
import { audit } from '../audit';

const LoginSchema = v.object({
  username: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(256)),
});

/** "12 seconds", "3 minutes". */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function tooMany(check: { retryAfterSeconds: number }, what: string): Response {
  const body = {
    error: 'too_many_attempts',
    message: `too many failed sign-ins ${what}; try again in ${waitText(check.retryAfterSeconds)}`,
    retryAfterSeconds: check.retryAfterSeconds,
  };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(check.retryAfterSeconds) },
  });
}

/** /api/v1/auth: login (anyone), logout and me (signed-in user). */
export function authRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const gate = new AttemptGate(deps.store, 'login', LOGIN_RULES, deps.now);

  // Accepts: anyone (the sign-in form); wrong passwords slow down their (account, address) pair, see auth/attempts.ts.
  app.post('/login', async (c) => {
    const parsed = v.safeParse(LoginSchema, await readJson(c.req.raw));
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.issues);
      throw fail(400, 'invalid', `${field} ${message}`, field);
    }
    const { username, password } = parsed.output;
    const address = clientAddress(c);
    const accountKey = username.normalize('NFC').toLowerCase();
    const verdict = await gate.check(accountKey, address);
    if (verdict.kind === 'limited') return tooMany(verdict, verdict.scope === 'account' ? 'for this account' : 'from this address');
    const user = await checkLogin(deps.store, username, password);
    if (!user) {
      await gate.fail(accountKey, address);
      await audit(deps.store, username, 'login_failed', {}, deps.now(), address);
      throw fail(401, 'bad_login', 'wrong username or password');
    }
    await gate.succeed(accountKey, address);
    const { token, csrf } = await openSession(deps.store, user.id, deps.now());
    const secure = new URL(c.req.url).protocol === 'https:';
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: 12 * 3600 });
    await audit(deps.store, user.username, 'login', {}, deps.now(), address);
    return c.json({ user, csrf });
  });

  // Accepts: a signed-in user of any role (+ CSRF header).
  app.post('/logout', requireUser(deps, ['admin', 'supervisor', 'staff']), async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await closeSession(deps.store, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  // Accepts: a signed-in user of any role.
  app.get('/me', requireUser(deps, ['admin', 'supervisor', 'staff']), (c) => {
    const s = c.get('session');
    return c.json({ user: s.user, csrf: s.csrf });
  });

  return app;
}
