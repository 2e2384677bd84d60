import { Hono } from 'hono';
import { setCookie, deleteCookie, getCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { checkLogin, closeSession, openSession } from '../auth/users';
import { requireUser, SESSION_COOKIE } from '../http/guards';
import { firstIssue } from '../../shared/wire';
import { audit } from '../audit';

const LoginSchema = v.object({
  username: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1, 'is required'), v.maxLength(256)),
});

/** /api/v1/auth: login (anyone), logout and me (signed-in user). */
export function authRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const parsed = v.safeParse(LoginSchema, await readJson(c.req.raw));
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.issues);
      throw fail(400, 'invalid', `${field} ${message}`, field);
    }
    const user = checkLogin(deps.db, parsed.output.username, parsed.output.password);
    if (!user) {
      audit(deps.db, parsed.output.username, 'login_failed', {}, deps.now());
      throw fail(401, 'bad_login', 'wrong username or password');
    }
    const { token, csrf } = openSession(deps.db, user.id, deps.now());
    const secure = new URL(c.req.url).protocol === 'https:';
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: 12 * 3600 });
    audit(deps.db, user.username, 'login', {}, deps.now());
    return c.json({ user, csrf });
  });

  app.post('/logout', requireUser(deps, ['admin', 'supervisor', 'staff']), (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) closeSession(deps.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  app.get('/me', requireUser(deps, ['admin', 'supervisor', 'staff']), (c) => {
    const s = c.get('session');
    return c.json({ user: s.user, csrf: s.csrf });
  });

  return app;
}
