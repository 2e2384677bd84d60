import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminPasswordProblem, PASSWORD_MIN_LENGTH } from '../../src/server/auth/password-policy';

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
});
