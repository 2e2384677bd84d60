import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { fail, readJson } from '../http/errors';
import { clientAddress, requireUser } from '../http/guards';
import { activeAdminCount, createUser, listUsers, updateUser, userByName, type Role } from '../auth/users';
import { firstIssue } from '../../shared/wire';
import { audit } from '../audit';
import { AttemptGate } from '../auth/ratelimit';
import { LOGIN_RULES } from '../auth/attempts';

const UnlockSchema = v.object({ username: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });
const RoleSchema = v.picklist(['admin', 'supervisor', 'staff'] as const);
const Password = v.pipe(v.string(), v.minLength(10, 'must be at least 10 characters'), v.maxLength(256));
const Sites = v.array(v.pipe(v.string(), v.maxLength(64)));

const NewUserSchema = v.object({
  username: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{2,64}$/, 'must be 2–64 letters, digits, dot, dash or underscore')),
  password: Password,
  role: RoleSchema,
  sites: v.optional(Sites, []),
  staffId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
});

const PatchUserSchema = v.object({
  role: v.optional(RoleSchema),
  sites: v.optional(Sites),
  staffId: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
  password: v.optional(Password),
  disabled: v.optional(v.boolean()),
});

function parse<T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const r = v.safeParse(schema, body);
  if (!r.success) {
    const { field, message } = firstIssue(r.issues);
    throw fail(400, 'invalid', `${field || 'body'} ${message}`, field || undefined);
  }
  return r.output;
}

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
  app.post('/users', async (c) => {
    const u = parse(NewUserSchema, await readJson(c.req.raw));
    if (await userByName(deps.store, u.username)) throw fail(409, 'exists', `user "${u.username}" already exists`, 'username');
    checkSites(u.sites);
    checkStaff(u.staffId);
    const user = await createUser(deps.store, { ...u, role: u.role as Role }, deps.now());
    await audit(deps.store, c.get('session').user.username, 'user_created', { username: user.username, role: user.role, sites: user.sites }, deps.now(), clientAddress(c));
    return c.json({ user }, 201);
  });

  // Accepts: admin session + CSRF header.
  app.patch('/users/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id)) throw fail(400, 'invalid', 'id must be a number', 'id');
    const patch = parse(PatchUserSchema, await readJson(c.req.raw));
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
  app.post('/users/unlock', async (c) => {
    const { username } = parse(UnlockSchema, await readJson(c.req.raw));
    await new AttemptGate(deps.store, 'login', LOGIN_RULES, deps.now).unlock(username.normalize('NFC').toLowerCase());
    await audit(deps.store, c.get('session').user.username, 'login_unlocked', { username }, deps.now(), clientAddress(c));
    return c.json({ ok: true, username });
  });

  return app;
}
