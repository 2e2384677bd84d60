import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONFIG_DIR } from './testkit';
import { loadConfig, ConfigError } from '../../src/server/config/load';
import { CONFIG_FILES, configJsonSchema, schemaFileName } from '../../src/server/config/schema';
import { Ajv } from 'ajv';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { makeHallCertificates, parseTlsArgs } from '../../src/server/cli/tls';
import { openStore } from '../../src/server/store';
import { checkLogin } from '../../src/server/auth/users';

const ROOT = resolve(import.meta.dirname, '../..');

/** A copy of the demo config with one file changed by `edit`. */
function brokenCopy(file: string, edit: (json: unknown) => unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'fk-config-'));
  cpSync(CONFIG_DIR, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8'))), null, 2));
  return dir;
}

const items = (json: unknown, key: string): Record<string, unknown>[] =>
  (Array.isArray(json) ? json : (json as Record<string, unknown>)[key]) as Record<string, unknown>[];

describe('kiosk-config validation at start', () => {
  it('the endpoint refuses to start on a wrong field, naming the file, the path inside it and the problem', () => {
    const dir = brokenCopy('sites.json', (json) => {
      items(json, 'sites')[0]!.scale = 7;
      return json;
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'fk-data-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
      cwd: ROOT, encoding: 'utf8', timeout: 30_000,
      env: { ...process.env, CONFIG_DIR: dir, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: join(dataDir, 'none') },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join(dir, 'sites.json'));
    expect(r.stderr).toMatch(/at (sites)?\[0\]\.scale/);
    expect(r.stderr).toMatch(/Invalid type|Expected/i);
  });

  it('a start setting that cannot work stops the start with one line naming it (exit 2): a PORT that is no number, TLS files swapped, a port another endpoint holds', async () => {
    const start = (env: Record<string, string>) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'fk-data-'));
      return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
        cwd: ROOT, encoding: 'utf8', timeout: 30_000,
        env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: join(dataDir, 'none'), ADMIN_PASSWORD: 'admin-pass-1234', ...env },
      });
    };
    const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);
    const port = start({ PORT: 'abc' });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('PORT must be a port number from 0 to 65535 (got "abc")');
    noStack(port.stderr);

    const files = makeHallCertificates(parseTlsArgs(['--host', 'hall-server.lan', '--out', mkdtempSync(join(tmpdir(), 'fk-tls-'))], '/unused'));
    const swapped = start({ TLS_CERT: files.key, TLS_KEY: files.cert });
    expect(swapped.status).toBe(2);
    expect(swapped.stderr).toMatch(/TLS_CERT and TLS_KEY do not make a certificate and its key .*are they swapped/);
    noStack(swapped.stderr);

    const holder = createServer(() => undefined);
    await new Promise<void>((ok) => holder.listen(0, '127.0.0.1', ok));
    try {
      const taken = start({ PORT: String((holder.address() as AddressInfo).port) });
      expect(taken.status).toBe(2);
      expect(taken.stderr).toContain('the port is in use (is another endpoint still running?)');
      noStack(taken.stderr);
      // The first admin's password is shown once, by the start that made the admin: one that then could not listen
      // repeats it beside its error, since the next start will not show it.
      const firstDir = mkdtempSync(join(tmpdir(), 'fk-data-'));
      const first = start({ PORT: String((holder.address() as AddressInfo).port), DATA_DIR: firstDir, ADMIN_PASSWORD: '' });
      expect(first.status).toBe(2);
      const password = /with the password: (\S+)/.exec(first.stdout)?.[1];
      expect(password).toBeDefined();
      expect(first.stderr).toContain(`The admin account "admin" was made by this start, with the password ${password} (shown once; it stays for the next start).`);
      const store = await openStore({ file: join(firstDir, 'kiosk.sqlite') });
      try {
        expect(await checkLogin(store, 'admin', password!)).toMatchObject({ username: 'admin', role: 'admin' });
      } finally {
        await store.close();
      }
    } finally {
      holder.close();
    }
  }, 90_000);

  it('a misspelt field is refused by name instead of being silently ignored', () => {
    const dir = brokenCopy('sites.json', (json) => {
      const site = items(json, 'sites')[0]!;
      site.timers = { ...(site.timers as object), thankSeconds: 8 };
      return json;
    });
    expect(() => loadConfig(dir)).toThrow(/sites\.json at (sites)?\[0\]\.timers\.thankSeconds: unknown field/);
  });

  it('a window pointing at an unknown site is named with its index', () => {
    const dir = brokenCopy('windows.json', (json) => {
      items(json, 'windows')[2]!.siteId = 'nowhere';
      return json;
    });
    expect(() => loadConfig(dir)).toThrow(ConfigError);
    try {
      loadConfig(dir);
    } catch (e) {
      expect(e).toMatchObject({ file: 'windows.json', problem: 'unknown site "nowhere"' });
      expect((e as ConfigError).path).toMatch(/^(windows)?\[2\]\.siteId$/);
    }
  });

  it('numbers out of their sense are refused by name: a retention of -30 days (which would erase every call-back number), a target of 90 (for 0.9), a thank-you of -5 s, a hall that closes before it opens', () => {
    const cases: Array<[(site: Record<string, unknown>) => void, RegExp]> = [
      [(site) => { site.retentionDays = -30; }, /\[0\]\.retentionDays: must be at least 1 day/],
      [(site) => { site.retentionDays = 0; }, /\[0\]\.retentionDays: must be at least 1 day/],
      [(site) => { site.targetSatisfaction = 90; }, /\[0\]\.targetSatisfaction: must be a share from 0 to 1/],
      [(site) => { site.timers = { thanksSeconds: -5 }; }, /\[0\]\.timers\.thanksSeconds: must be from 1 to 120/],
      [(site) => { site.openingHours = { open: '17:00', close: '09:00' }; }, /\[0\]\.openingHours: close must be after open/],
    ];
    for (const [edit, error] of cases) {
      const dir = brokenCopy('sites.json', (json) => { edit(items(json, 'sites')[0]!); return json; });
      expect(() => loadConfig(dir)).toThrow(error);
    }
  });

  it('what must be given once is refused when given twice, naming both places: a site id, a staff number in a hall, a window number in a hall, a reason code', () => {
    const twice: Array<[string, (json: unknown) => void, RegExp]> = [
      ['sites.json', (json) => { const list = items(json, 'sites'); list.push({ ...list[0]! }); }, /sites\.json at (sites)?\[\d+\]\.id: duplicate site id "demo" is also at \[0\]/],
      ['staff.json', (json) => { const list = items(json, 'staff'); list[1]!.staffNumber = list[0]!.staffNumber; }, /staff\.json at (staff)?\[1\]\.staffNumber: staff number "\d+" of site "demo" is also at \[0\]/],
      ['windows.json', (json) => { const list = items(json, 'windows'); list[1]!.number = list[0]!.number; }, /windows\.json at (windows)?\[1\]\.number: window number "01" of site "demo" is also at \[0\]/],
      ['sites.json', (json) => { const site = items(json, 'sites')[0]!; site.reasons = [{ code: 'slow', zh: '慢', en: 'Slow' }, { code: 'slow', zh: '很慢', en: 'Very slow' }]; }, /\[0\]\.reasons\[1\]\.code: reason code "slow" is also at reasons\[0\]/],
    ];
    for (const [file, edit, error] of twice) {
      const dir = brokenCopy(file, (json) => { edit(json); return json; });
      expect(() => loadConfig(dir), file).toThrow(error);
    }
  });

  it('a file may carry a "$schema" reference for editors beside its list', () => {
    const dir = brokenCopy('windows.json', (json) => ({ $schema: './schema/windows.schema.json', windows: items(json, 'windows') }));
    expect(loadConfig(dir).windows.length).toBeGreaterThan(0);
    const typo = brokenCopy('windows.json', (json) => ({ $schema: './schema/windows.schema.json', window: items(json, 'windows') }));
    expect(() => loadConfig(typo)).toThrow(/windows\.json at window: unexpected key/);
  });

  it('an editor validating the demo files with their "$schema" finds them valid, and flags a misspelt field', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const entry of CONFIG_FILES) {
      const file = JSON.parse(readFileSync(join(CONFIG_DIR, entry.file), 'utf8')) as Record<string, unknown>;
      expect(file.$schema).toBe(`./schema/${schemaFileName(entry.file)}`);
      const validate = ajv.compile(JSON.parse(readFileSync(join(CONFIG_DIR, 'schema', schemaFileName(entry.file)), 'utf8')) as object);
      expect(validate(file), `${entry.file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      const typo = { ...file, [entry.key]: items(file, entry.key).map((x, i) => (i === 0 ? { ...x, nmae: 'x' } : x)) };
      expect(validate(typo)).toBe(false);
    }
  });

  it('the JSON Schemas in kiosk-config/schema match the valibot schemas they are generated from', () => {
    for (const entry of CONFIG_FILES) {
      const committed = JSON.parse(readFileSync(join(CONFIG_DIR, 'schema', schemaFileName(entry.file)), 'utf8')) as unknown;
      expect(committed, `${entry.file}: run npm run config:schema`).toEqual(configJsonSchema(entry));
    }
  });
});
