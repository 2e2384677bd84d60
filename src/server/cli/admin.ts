/**
 * `npm run admin -- <command>`: first set-up and recovery without the web page.
 *   user add <username> --role admin|supervisor|staff [--sites demo,other] [--staff s1001] [--password …]
 *   user list
 *   user password <username> [--password …]
 *   user disable <username> | user enable <username>
 *   kiosk list | kiosk revoke <kioskId>
 *   pairing-code <windowId>
 * Without --password a password is generated and printed once.
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { NewUserSchema } from '../../shared/api';
import { configuredConfig, openConfiguredStore } from './open';
import { ConfigError, type ConfigIndex } from '../config/load';
import { activeAdminCount, createUser, listUsers, scopeProblem, updateUser, userByName, type Role } from '../auth/users';
import { listKiosks, revokeKiosk } from '../auth/kiosks';
import { createPairingCode, formatCode } from '../auth/pairing';
import { newToken } from '../auth/secrets';
import { audit } from '../audit';

const ROLES: readonly Role[] = ['admin', 'supervisor', 'staff'];

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run admin -- user add <username> --role admin|supervisor|staff [--sites a,b] [--staff id] [--password pw]');
  console.error('       npm run admin -- user list | user password <username> | user disable <username> | user enable <username>');
  console.error('       npm run admin -- kiosk list | kiosk revoke <kioskId> | pairing-code <windowId>');
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, sites: { type: 'string' }, staff: { type: 'string' }, password: { type: 'string' } },
});
const [group, verb, arg] = positionals;
const store = await openConfiguredStore();
/**
 * The halls' configuration, read only by the commands that need it: `user list`, `password`, `disable` and `enable`
 * are the way back in and work whatever state kiosk-config is in; a broken one is named without a stack trace.
 */
let loaded: ConfigIndex | null = null;
function cfg(): ConfigIndex {
  try {
    return (loaded ??= configuredConfig());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
}
const now = Date.now();

function password(): { pw: string; generated: boolean } {
  if (values.password) {
    if (values.password.length < 10) usage('the password must be at least 10 characters');
    return { pw: values.password, generated: false };
  }
  return { pw: newToken(12), generated: true };
}

async function existing(username: string | undefined) {
  if (!username) usage('a username is required');
  const u = await userByName(store, username);
  if (!u) usage(`no user "${username}"`);
  return u;
}

if (group === 'user' && verb === 'add') {
  if (!arg) usage('a username is required');
  // the admin page's rule (NewUserSchema): a name of spaces or with a line break could not be signed in with or listed
  const name = v.safeParse(NewUserSchema.entries.username, arg);
  if (!name.success) usage(`the username ${name.issues[0].message}`);
  if (await userByName(store, arg)) usage(`user "${arg}" already exists`);
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) usage('--role must be admin, supervisor or staff');
  const sites = values.sites ? values.sites.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const unknown = sites.find((s) => !cfg().sites.has(s));
  if (unknown) usage(`unknown site "${unknown}" (known: ${[...cfg().sites.keys()].join(', ')})`);
  if (values.staff && !cfg().staff.has(values.staff)) usage(`unknown staff member "${values.staff}"`);
  // the same rule as the admin page: a supervisor has a hall, a staff link is a member of one of the user's halls
  const problem = scopeProblem(cfg(), { role, sites, staffId: values.staff ?? null });
  if (problem) usage(`--${problem.field === 'staffId' ? 'staff' : 'sites'}: ${problem.message}`);
  const { pw, generated } = password();
  await createUser(store, { username: arg, password: pw, role, sites, staffId: values.staff ?? null }, now);
  await audit(store, 'cli', 'user_created', { username: arg, role, sites }, now);
  console.log(`Created ${role} "${arg}"${sites.length ? ` for ${sites.join(', ')}` : ''}.${generated ? ` Password (shown once): ${pw}` : ''}`);
} else if (group === 'user' && verb === 'list') {
  for (const u of await listUsers(store)) console.log(`${u.username}\t${u.role}\t${u.sites.join(',') || '-'}\t${u.disabled ? 'disabled' : 'active'}`);
} else if (group === 'user' && verb === 'password') {
  const u = await existing(arg);
  const { pw, generated } = password();
  await updateUser(store, u.id, { password: pw }, now);
  await audit(store, 'cli', 'user_changed', { username: u.username, passwordChanged: true }, now);
  console.log(`Password of "${u.username}" changed.${generated ? ` New password (shown once): ${pw}` : ''}`);
} else if (group === 'user' && (verb === 'disable' || verb === 'enable')) {
  const u = await existing(arg);
  // as on the admin page: the last active admin stays, or nobody could administer the halls from the web
  if (verb === 'disable' && u.role === 'admin' && !u.disabled && (await activeAdminCount(store)) <= 1) usage(`"${u.username}" is the last active admin and cannot be disabled`);
  await updateUser(store, u.id, { disabled: verb === 'disable' }, now);
  await audit(store, 'cli', 'user_changed', { username: u.username, disabled: verb === 'disable' }, now);
  console.log(`User "${u.username}" ${verb}d.`);
} else if (group === 'kiosk' && verb === 'list') {
  for (const k of await listKiosks(store)) {
    console.log(`${k.id}\t${k.windowId}\t${k.revokedAt ? 'revoked' : 'active'}\tlast seen ${k.lastSeenAt ? new Date(k.lastSeenAt).toISOString() : 'never'}`);
  }
} else if (group === 'kiosk' && verb === 'revoke') {
  if (!arg || !(await revokeKiosk(store, arg, now))) usage(`no active kiosk "${arg ?? ''}"`);
  await audit(store, 'cli', 'kiosk_revoked', { kioskId: arg }, now);
  console.log(`Kiosk ${arg} revoked; its next sync is refused.`);
} else if (group === 'pairing-code') {
  const windowId = verb;
  const site = windowId ? cfg().siteOfWindow(windowId) : undefined;
  if (!windowId || !site) usage(`unknown window "${windowId ?? ''}"`);
  const p = await createPairingCode(store, site.id, windowId, 'cli', now);
  await audit(store, 'cli', 'pairing_code_created', { windowId }, now);
  console.log(`Pairing code for ${windowId}: ${formatCode(p.code)} (valid until ${new Date(p.expiresAt).toISOString()}); enter it at /kiosk on the tablet.`);
} else {
  usage();
}
await store.close();
