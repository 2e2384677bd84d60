import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import * as v from 'valibot';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';
import { NO_NUL } from '../../shared/wire-text';
import { NewUserSchema, PatchUserSchema } from '../../shared/api';
import { clientAddress, requireUser } from '../http/guards';
import { activeAdminCount, createUser, listUsers, scopeProblem, updateUser, userByName, type Role, type UserScope } from '../auth/users';
import { audit } from '../audit';
import { AttemptGate } from '../auth/ratelimit';
import { LOGIN_RULES } from '../auth/attempts';

const UnlockSchema = v.object({ username: v.pipe(v.string(), v.minLength(1), v.maxLength(64), NO_NUL) });

/** /api/v1/admin/users. Accepts: admin session (+ CSRF header on writes). */
export function adminUserRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin']));

  // A scope that does not hold together is a 400 naming `sites` or `staffId`.
  const checkScope = (u: UserScope) => {
    const problem = scopeProblem(deps.config, u);
    if (problem) throw fail(400, 'invalid', `${problem.field}: ${problem.message}`, problem.field);
  };

  // Accepts: admin session.
  app.get('/users', async (c) => c.json({ users: await listUsers(deps.store) }));

  // Accepts: admin session + CSRF header.
  app.post('/users', jsonBody(NewUserSchema), async (c) => {
    const body = c.req.valid('json');
    const u = { ...body, role: body.role as Role, staffId: body.staffId || null };
    if (await userByName(deps.store, u.username)) throw fail(409, 'exists', `user "${u.username}" already exists`, 'username');
    checkScope(u);
    const user = await createUser(deps.store, u, deps.now());
    await audit(deps.store, c.get('session').user.username, 'user_created', { username: user.username, role: user.role, sites: user.sites }, deps.now(), clientAddress(c));
    return c.json({ user }, 201);
  });

  // Accepts: admin session + CSRF header.
  app.patch('/users/:id', jsonBody(PatchUserSchema), async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id)) throw fail(400, 'invalid', 'id must be a number', 'id');
    const asked = c.req.valid('json');
    const patch = asked.staffId === '' ? { ...asked, staffId: null } : asked;
    const target = (await listUsers(deps.store)).find((u) => u.id === id);
    if (!target) throw fail(404, 'not_found', `no user ${id}`, 'id');
    // Checked only when the scope changes, so an old account that breaks the rule can still have its password reset.
    if (patch.role !== undefined || patch.sites !== undefined || patch.staffId !== undefined) {
      checkScope({ role: patch.role ?? target.role, sites: patch.sites ?? target.sites, staffId: patch.staffId !== undefined ? patch.staffId : target.staffId });
    }
    const losesAdmin = target.role === 'admin' && !target.disabled && (patch.disabled === true || (patch.role && patch.role !== 'admin'));
    if (losesAdmin && (await activeAdminCount(deps.store)) <= 1) throw fail(409, 'last_admin', 'the last admin cannot be disabled or demoted', 'role');
    await updateUser(deps.store, id, patch, deps.now());
    const { password: _pw, ...logged } = patch;
    await audit(deps.store, c.get('session').user.username, 'user_changed', { username: target.username, ...logged, passwordChanged: patch.password !== undefined }, deps.now(), clientAddress(c));
    return c.json({ user: (await listUsers(deps.store)).find((u) => u.id === id) });
  });

  // Accepts: admin session + CSRF header. Forgets an account's failed sign-ins from every address; audited.
  app.post('/users/unlock', jsonBody(UnlockSchema), async (c) => {
    const { username } = c.req.valid('json');
    await new AttemptGate(deps.store, 'login', LOGIN_RULES, deps.now).unlock(username.normalize('NFC').toLowerCase());
    await audit(deps.store, c.get('session').user.username, 'login_unlocked', { username }, deps.now(), clientAddress(c));
    return c.json({ ok: true, username });
  });

  return app;
}
