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
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../db/sqlite';
import { loadConfig, ConfigIndex } from '../config/load';
import { createUser, listUsers, updateUser, userByName, type Role } from '../auth/users';
import { listKiosks, revokeKiosk } from '../auth/kiosks';
import { createPairingCode, formatCode } from '../auth/pairing';
import { newToken } from '../auth/secrets';
import { audit } from '../audit';

const ROLES: readonly Role[] = ['admin', 'supervisor', 'staff'];
const root = resolve(import.meta.dirname, '../../..');

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
const db = openDb(join(resolve(process.env.DATA_DIR ?? join(root, 'data')), 'kiosk.sqlite'));
const config = new ConfigIndex(loadConfig(resolve(process.env.CONFIG_DIR ?? join(root, 'kiosk-config'))));
const now = Date.now();

function password(): { pw: string; generated: boolean } {
  if (values.password) {
    if (values.password.length < 10) usage('the password must be at least 10 characters');
    return { pw: values.password, generated: false };
  }
  return { pw: newToken(12), generated: true };
}

function existing(username: string | undefined) {
  if (!username) usage('a username is required');
  const u = userByName(db, username);
  if (!u) usage(`no user "${username}"`);
  return u;
}

if (group === 'user' && verb === 'add') {
  if (!arg) usage('a username is required');
  if (userByName(db, arg)) usage(`user "${arg}" already exists`);
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) usage('--role must be admin, supervisor or staff');
  const sites = values.sites ? values.sites.split(',').map((s) => s.trim()).filter(Boolean) : [];
  const unknown = sites.find((s) => !config.sites.has(s));
  if (unknown) usage(`unknown site "${unknown}" (known: ${[...config.sites.keys()].join(', ')})`);
  if (values.staff && !config.staff.has(values.staff)) usage(`unknown staff member "${values.staff}"`);
  const { pw, generated } = password();
  createUser(db, { username: arg, password: pw, role, sites, staffId: values.staff ?? null }, now);
  audit(db, 'cli', 'user_created', { username: arg, role, sites }, now);
  console.log(`Created ${role} "${arg}"${sites.length ? ` for ${sites.join(', ')}` : ''}.${generated ? ` Password (shown once): ${pw}` : ''}`);
} else if (group === 'user' && verb === 'list') {
  for (const u of listUsers(db)) console.log(`${u.username}\t${u.role}\t${u.sites.join(',') || '-'}\t${u.disabled ? 'disabled' : 'active'}`);
} else if (group === 'user' && verb === 'password') {
  const u = existing(arg);
  const { pw, generated } = password();
  updateUser(db, u.id, { password: pw }, now);
  audit(db, 'cli', 'user_changed', { username: u.username, passwordChanged: true }, now);
  console.log(`Password of "${u.username}" changed.${generated ? ` New password (shown once): ${pw}` : ''}`);
} else if (group === 'user' && (verb === 'disable' || verb === 'enable')) {
  const u = existing(arg);
  updateUser(db, u.id, { disabled: verb === 'disable' }, now);
  audit(db, 'cli', 'user_changed', { username: u.username, disabled: verb === 'disable' }, now);
  console.log(`User "${u.username}" ${verb}d.`);
} else if (group === 'kiosk' && verb === 'list') {
  for (const k of listKiosks(db)) {
    console.log(`${k.id}\t${k.windowId}\t${k.revokedAt ? 'revoked' : 'active'}\tlast seen ${k.lastSeenAt ? new Date(k.lastSeenAt).toISOString() : 'never'}`);
  }
} else if (group === 'kiosk' && verb === 'revoke') {
  if (!arg || !revokeKiosk(db, arg, now)) usage(`no active kiosk "${arg ?? ''}"`);
  audit(db, 'cli', 'kiosk_revoked', { kioskId: arg }, now);
  console.log(`Kiosk ${arg} revoked; its next sync is refused.`);
} else if (group === 'pairing-code') {
  const windowId = verb;
  const site = windowId ? config.siteOfWindow(windowId) : undefined;
  if (!windowId || !site) usage(`unknown window "${windowId ?? ''}"`);
  const p = createPairingCode(db, site.id, windowId, 'cli', now);
  audit(db, 'cli', 'pairing_code_created', { windowId }, now);
  console.log(`Pairing code for ${windowId}: ${formatCode(p.code)} (valid until ${new Date(p.expiresAt).toISOString()}); enter it at /kiosk on the tablet.`);
} else {
  usage();
}
db.close();
