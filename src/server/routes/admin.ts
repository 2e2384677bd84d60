import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import * as v from 'valibot';
import { fail } from '../http/errors';
import { jsonBody } from '../http/validate';
import { NO_NUL } from '../../shared/wire-text';
import { NewUserSchema, PatchUserSchema } from '../../shared/api';
import { clientAddress, requireUser } from '../http/guards';
import { activeAdminCount, createUser, listUsers, updateUser, userByName, type Role } from '../auth/users';
import { audit } from '../audit';
import { AttemptGate } from '../auth/ratelimit';
import { LOGIN_RULES } from '../auth/attempts';

const UnlockSchema = v.object({ username: v.pipe(v.string(), v.minLength(1), v.maxLength(64), NO_NUL) });

/** /api/v1/admin/users. Accepts: admin session (+ CSRF header on writes). */
export function adminUserRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(deps, ['admin']));

  const checkSites = (sites: string[]) => {
    const unknown = sites.find((s) => !deps.config.sites.has(s));
    if (unknown) throw fail(400, 'invalid', `unknown site "${unknown}"`, 'sites');
  };
  const checkStaff = (staffId: string | null | undefined) => {
    if (staffId && !deps.config.staff.has(staffId)) throw fail(400, 'invalid', `unknown staff member "${staffId}"`, 'staffId');
  };

  // Accepts: admin session.
  app.get('/users', async (c) => c.json({ users: await listUsers(deps.store) }));

  // Accepts: admin session + CSRF header.
  app.post('/users', jsonBody(NewUserSchema), async (c) => {
    const u = c.req.valid('json');
    if (await userByName(deps.store, u.username)) throw fail(409, 'exists', `user "${u.username}" already exists`, 'username');
    checkSites(u.sites);
    checkStaff(u.staffId);
    const user = await createUser(deps.store, { ...u, role: u.role as Role }, deps.now());
    await audit(deps.store, c.get('session').user.username, 'user_created', { username: user.username, role: user.role, sites: user.sites }, deps.now(), clientAddress(c));
    return c.json({ user }, 201);
  });

  // Accepts: admin session + CSRF header.
  app.patch('/users/:id', jsonBody(PatchUserSchema), async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id)) throw fail(400, 'invalid', 'id must be a number', 'id');
    const patch = c.req.valid('json');
    if (patch.sites) checkSites(patch.sites);
    checkStaff(patch.staffId);
    const target = (await listUsers(deps.store)).find((u) => u.id === id);
    if (!target) throw fail(404, 'not_found', `no user ${id}`, 'id');
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
