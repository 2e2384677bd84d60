import { Hono, type MiddlewareHandler } from 'hono';
import { setCookie, deleteCookie, getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../http/context';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';
import { LoginRequestSchema } from '../../shared/api';
import { checkLogin, closeSession, openSession } from '../auth/users';
import { clientAddress, requireUser, SESSION_COOKIE } from '../http/guards';
import { AttemptGate } from '../auth/ratelimit';
import { passwordWork, PasswordWorkBusy } from '../auth/secrets';
import { LOGIN_RULES } from '../auth/attempts';
import { audit } from '../audit';

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

/** Every password check that may wait is waiting: a 503 to try again shortly, the attempt not judged. */
function busy(): Response {
  const retryAfterSeconds = 5;
  const body = { error: 'busy', message: `too many sign-ins are being checked at once; try again in ${waitText(retryAfterSeconds)}`, retryAfterSeconds };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterSeconds) },
  });
}

/**
 * Sign-in takes a JSON body only: a cross-site form can post text/plain or form data without a CORS preflight and so
 * sign a victim's browser into the attacker's account (login CSRF); it cannot send application/json.
 */
const jsonOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw fail(415, 'unsupported_media_type', 'content-type must be application/json', 'content-type');
  await next();
};

/** /api/v1/auth: login (anyone), logout and me (signed-in user). */
export function authRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const gate = new AttemptGate(deps.store, 'login', LOGIN_RULES, deps.now);

  // Accepts: anyone (the sign-in form); wrong passwords slow down their (account, address) pair, see auth/attempts.ts.
  app.post('/login', jsonOnly, jsonBody(LoginRequestSchema), async (c) => {
    const { username, password } = c.req.valid('json');
    const address = clientAddress(c);
    const accountKey = username.normalize('NFC').toLowerCase();
    // Before the attempt is counted: a sign-in refused for want of a password check costs its sender no free failure.
    if (passwordWork.full) return busy();
    // Counted as a failure before the slow check, so sign-ins kept in flight together cannot pass the limit.
    const attempt = await gate.attempt(accountKey, address);
    if (attempt.kind === 'limited') return tooMany(attempt, attempt.scope === 'account' ? 'for this account' : 'from this address');
    let user: Awaited<ReturnType<typeof checkLogin>>;
    try {
      user = await checkLogin(deps.store, username, password);
    } catch (e) {
      if (e instanceof PasswordWorkBusy) return busy(); // filled while the attempt was counted: it stays counted
      throw e;
    }
    if (!user) {
      await gate.failed(attempt);
      await audit(deps.store, username, 'login_failed', {}, deps.now(), address);
      throw fail(401, 'bad_login', 'wrong username or password');
    }
    await gate.succeed(attempt);
    const { token, csrf } = await openSession(deps.store, user.id, deps.now());
    const secure = c.get('client').https; // behind a trusted proxy: X-Forwarded-Proto
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
