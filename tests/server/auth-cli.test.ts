import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../../src/server/store';
import { auditOf, pick } from './testkit';
import { checkLogin } from '../../src/server/auth/users';

const ROOT = resolve(import.meta.dirname, '../..');

function admin(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli/admin.ts'), ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, DATA_DIR: dataDir },
  });
}

describe('npm run admin', { timeout: 120_000 }, () => {
  it('adds a supervisor for a site who can then sign in; a wrong role or site, or a supervisor without a hall, is refused with a message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fk-cli-'));
    const ok = admin(dataDir, 'user', 'add', 'zhao', '--role', 'supervisor', '--sites', 'demo', '--password', 'zhao-password-1');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Created supervisor "zhao" for demo.');
    const badRole = admin(dataDir, 'user', 'add', 'qian', '--role', 'boss');
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain('--role must be admin, supervisor or staff');
    const badSite = admin(dataDir, 'user', 'add', 'sun', '--role', 'supervisor', '--sites', 'atlantis');
    expect(badSite.stderr).toContain('unknown site "atlantis"');
    const noHall = admin(dataDir, 'user', 'add', 'zhou', '--role', 'supervisor');
    expect(noHall.status).toBe(2);
    expect(noHall.stderr).toContain('a supervisor needs at least one site');
    const code = admin(dataDir, 'pairing-code', 'w01');
    expect(code.stdout).toMatch(/Pairing code for w01: [0-9A-Z]{4}-[0-9A-Z]{4}/);

    const store = await openStore({ file: join(dataDir, 'kiosk.sqlite') });
    expect(await checkLogin(store, 'zhao', 'zhao-password-1')).toMatchObject({ role: 'supervisor', sites: ['demo'] });
    expect(await checkLogin(store, 'qian', 'anything')).toBeNull();
    expect(pick(await auditOf(store, 'user_created'), 'actor', 'action')).toEqual([{ actor: 'cli', action: 'user_created' }]);
    await store.close();
  });

  it('keeps the admin page\'s rules: a name of spaces or with a line break is refused, and the last active admin cannot be disabled', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fk-cli-'));
    for (const name of ['  ', 'li\nna', 'x']) {
      const r = admin(dataDir, 'user', 'add', name, '--role', 'admin', '--password', 'a-long-password');
      expect(r.status, JSON.stringify(name)).toBe(2);
      expect(r.stderr).toContain('the username must be 2–64 letters, digits, dot, dash or underscore');
    }
    expect(admin(dataDir, 'user', 'add', 'chen', '--role', 'admin', '--password', 'a-long-password').status).toBe(0);
    const last = admin(dataDir, 'user', 'disable', 'chen');
    expect(last.status).toBe(2);
    expect(last.stderr).toContain('"chen" is the last active admin and cannot be disabled');
    expect(admin(dataDir, 'user', 'add', 'wang', '--role', 'admin', '--password', 'a-long-password').status).toBe(0);
    expect(admin(dataDir, 'user', 'disable', 'chen').status).toBe(0); // another admin remains
  });

  it('is the way back in whatever state kiosk-config is in: users are listed and passwords reset; what needs the halls names the broken file, without a stack trace', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fk-cli-'));
    expect(admin(dataDir, 'user', 'add', 'chen', '--role', 'admin', '--password', 'a-long-password').status).toBe(0);
    const broken = mkdtempSync(join(tmpdir(), 'fk-cli-config-'));
    cpSync(join(ROOT, 'kiosk-config'), broken, { recursive: true });
    writeFileSync(join(broken, 'sites.json'), '[{"id": "demo", "name": {"zh": "示范", "en": "Demo"}, "scale": 7}]');
    const withBroken = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli/admin.ts'), ...args], {
      cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, DATA_DIR: dataDir, CONFIG_DIR: broken },
    });
    const list = withBroken('user', 'list');
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('chen\tadmin');
    expect(withBroken('user', 'password', 'chen', '--password', 'another-long-password').status).toBe(0);
    const add = withBroken('user', 'add', 'zhao', '--role', 'supervisor', '--sites', 'demo');
    expect(add.status).toBe(2);
    expect(add.stderr).toMatch(/^Configuration error: sites\.json at (sites)?\[0\]\.scale/m);
    expect(add.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
