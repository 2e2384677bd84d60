import type { Areas, UserRow } from '../store';
import type { ConfigIndex } from '../config/load';
import { hashPasswordAsync, needsRehash, newToken, PASSWORD_COST, tokenHash, verifyPasswordAsync } from './secrets';

export type { Role } from '../store';
import type { Role } from '../store';

export interface User {
  id: number;
  username: string;
  role: Role;
  sites: string[];
  staffId: string | null;
}

type People = Pick<Areas, 'users' | 'sessions'>;

const SESSION_MS = 12 * 60 * 60 * 1000;

function toUser(r: UserRow): User {
  return { id: r.id, username: r.username, role: r.role, sites: r.sites, staffId: r.staff_id };
}

/** Creates a user; throws on a duplicate username (a bug at the call site, checked first by routes). */
export async function createUser(store: People, u: { username: string; password: string; role: Role; sites?: string[]; staffId?: string | null }, now = Date.now()): Promise<User> {
  const sites = u.sites ?? [];
  const id = await store.users.create({ username: u.username, role: u.role, passwordHash: await hashPasswordAsync(u.password), sites, staffId: u.staffId ?? null, createdAt: now });
  return { id, username: u.username, role: u.role, sites, staffId: u.staffId ?? null };
}

export function countUsers(store: People): Promise<number> {
  return store.users.count();
}

// Checked against when the user does not exist, so an unknown name costs what a known one does.
const DUMMY_HASH = `scrypt$${PASSWORD_COST.N}$${PASSWORD_COST.r}$${PASSWORD_COST.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

/**
 * The user for a username and password, or null (unknown user, wrong password or disabled). A password stored
 * at an older scrypt cost is rehashed at the current one on this successful sign-in. Throws `PasswordWorkBusy`
 * when as many sign-ins as may wait are waiting for their check already.
 */
export async function checkLogin(store: People, username: string, password: string): Promise<User | null> {
  const row = await store.users.byName(username);
  if (!row || row.disabled_at !== null) {
    await verifyPasswordAsync(password, DUMMY_HASH, true);
    return null;
  }
  if (!(await verifyPasswordAsync(password, row.password_hash, true))) return null;
  if (needsRehash(row.password_hash)) await store.users.update(row.id, { passwordHash: await hashPasswordAsync(password) }, false);
  return toUser(row);
}

export interface Session { user: User; csrf: string }

/** Opens a session; returns the cookie token (stored hashed) and the CSRF token. */
export async function openSession(store: People, userId: number, now = Date.now()): Promise<{ token: string; csrf: string }> {
  const token = newToken();
  const csrf = newToken(18);
  await store.sessions.open({ tokenHash: tokenHash(token), userId, csrf, createdAt: now, expiresAt: now + SESSION_MS });
  return { token, csrf };
}

export async function findSession(store: People, token: string, now = Date.now()): Promise<Session | null> {
  const s = await store.sessions.find(tokenHash(token), now);
  return s ? { user: toUser(s.user), csrf: s.csrf } : null;
}

export function closeSession(store: People, token: string): Promise<void> {
  return store.sessions.close(tokenHash(token));
}

/** Every user, for the admin list (no password hashes). */
export async function listUsers(store: People): Promise<(User & { disabled: boolean; createdAt: number })[]> {
  return (await store.users.list()).map((r) => ({ ...toUser(r), disabled: r.disabled_at !== null, createdAt: r.created_at }));
}

export async function userByName(store: People, username: string): Promise<(User & { disabled: boolean }) | null> {
  const r = await store.users.byName(username);
  return r ? { ...toUser(r), disabled: r.disabled_at !== null } : null;
}

/** Changes role, sites, staff link, password or disabled state; disabling or a new password ends the user's sessions. */
export async function updateUser(store: People, id: number, patch: { role?: Role; sites?: string[]; staffId?: string | null; password?: string; disabled?: boolean }, now = Date.now()): Promise<boolean> {
  return store.users.update(id, {
    ...(patch.role ? { role: patch.role } : {}),
    ...(patch.sites ? { sites: patch.sites } : {}),
    ...(patch.staffId !== undefined ? { staffId: patch.staffId } : {}),
    ...(patch.password ? { passwordHash: await hashPasswordAsync(patch.password) } : {}),
    ...(patch.disabled !== undefined ? { disabledAt: patch.disabled ? now : null } : {}),
  }, Boolean(patch.password || patch.disabled || patch.role));
}

/** Admins that can still sign in; the last one may not be disabled or demoted. */
export function activeAdminCount(store: People): Promise<number> {
  return store.users.activeAdmins();
}

/** What a user may see, as the admin screens set it. */
export interface UserScope { role: Role; sites: readonly string[]; staffId: string | null }

/** Why a scope does not hold together, naming the field at fault. */
export interface ScopeProblem { field: 'sites' | 'staffId'; message: string }

/**
 * The first problem with a user's halls and staff link, or null: every hall and staff member must exist, a
 * supervisor needs a hall (with none their dashboard has nothing to show), and a staff link must be a staff member
 * of one of the user's halls (a staff user with no hall takes the hall of their link; an admin sees every hall).
 */
export function scopeProblem(config: Pick<ConfigIndex, 'sites' | 'staff'>, u: UserScope): ScopeProblem | null {
  const unknown = u.sites.find((s) => !config.sites.has(s));
  if (unknown !== undefined) return { field: 'sites', message: `unknown site "${unknown}"` };
  if (u.role === 'supervisor' && u.sites.length === 0) return { field: 'sites', message: 'a supervisor needs at least one site' };
  if (!u.staffId) return null;
  const member = config.staff.get(u.staffId);
  if (!member) return { field: 'staffId', message: `unknown staff member "${u.staffId}"` };
  if (u.role !== 'admin' && u.sites.length > 0 && !u.sites.includes(member.siteId)) {
    return { field: 'staffId', message: `staff member "${u.staffId}" works in site "${member.siteId}", not in this user's sites (${u.sites.join(', ')})` };
  }
  return null;
}
