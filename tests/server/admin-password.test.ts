import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminPasswordProblem, PASSWORD_MIN_LENGTH } from '../../src/server/auth/password-policy';
import { openStore } from '../../src/server/store';
import { createUser } from '../../src/server/auth/users';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the first admin\'s password', () => {
  it('an ADMIN_PASSWORD shorter than the minimum is refused by name; unset, one is generated', () => {
    expect(adminPasswordProblem('admin')).toMatch(/ADMIN_PASSWORD must be at least 10 characters/);
    expect(adminPasswordProblem('x'.repeat(PASSWORD_MIN_LENGTH))).toBeNull();
    expect(adminPasswordProblem(undefined)).toBeNull();
  });

  it('the endpoint does not start with a short ADMIN_PASSWORD and says why', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
      cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'fk-pw-')), ADMIN_PASSWORD: 'admin' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((ok) => proc.once('exit', ok));
    expect(code).toBe(2);
    expect(err).toContain('ADMIN_PASSWORD must be at least 10 characters');
  }, 30_000);

  it('once there are users ADMIN_PASSWORD is not read, so a short one left in the environment does not stop a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fk-pw-'));
    const store = await openStore({ file: join(dataDir, 'kiosk.sqlite') });
    await createUser(store, { username: 'admin', password: 'the-first-admin-pass', role: 'admin' });
    await store.close();
    const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
      cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: 'admin' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((ok) => proc.once('exit', ok));
    let out = '';
    const listening = await new Promise<boolean>((ok) => {
      proc.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('listening on')) ok(true); });
      void exited.then(() => ok(false));
    });
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(listening).toBe(true);
  }, 30_000);
});
