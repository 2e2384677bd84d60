import { describe, it, expect, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import { startEndpoint, adminSession, ROOT, type Endpoint } from './deploy-kit';

const run = promisify(execFile);
const dirs: string[] = [];
const running: Endpoint[] = [];
afterAll(async () => {
  await Promise.all(running.map((e) => e.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'fk-backup-'));
  dirs.push(d);
  return d;
}

describe('backups', () => {
  it('npm run backup copies the live database while ingest runs; the README restore starts with every acknowledged record', async () => {
    const live = tmp();
    const e = await startEndpoint({ dataDir: live });
    running.push(e);
    const enrol = await fetch(`${e.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
    const { token } = (await enrol.json()) as { token: string };
    const acknowledged: Array<{ id: string; at: number }> = [];
    let seq = 0;
    let stop = false;
    const ingest = (async () => {
      while (!stop) {
        const records = Array.from({ length: 50 }, () => ({ type: 'response', id: uuidv7(), rev: 0, seq: ++seq, windowId: 'w01', staffId: 's1001', score: 4, scale: 5, reasons: [], deviceTime: new Date().toISOString(), channel: 'kiosk' }));
        const r = await fetch(`${e.url}/api/v1/sync`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ records }) });
        const body = (await r.json()) as { results: Array<{ id: string; status: string }> };
        const at = Date.now();
        for (const x of body.results) if (x.status === 'stored') acknowledged.push({ id: x.id, at });
      }
    })();
    await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(200);

    const backupFile = join(tmp(), 'hall.sqlite');
    const started = Date.now();
    const out = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli/backup.ts'), '--out', backupFile], { cwd: ROOT, env: { ...process.env, DATA_DIR: live } });
    const during = acknowledged.filter((a) => a.at > started).length;
    stop = true;
    await ingest;
    expect(out.stdout).toMatch(/integrity_check ok/);
    expect(during, 'ingest kept going during the backup').toBeGreaterThan(0);
    const before = acknowledged.filter((a) => a.at < started).map((a) => a.id);

    // Restore as the README says: stop, put the copy in place as kiosk.sqlite (no -wal/-shm beside it), start.
    const restored = tmp();
    copyFileSync(backupFile, join(restored, 'kiosk.sqlite'));
    expect(existsSync(`${backupFile}-wal`)).toBe(false);
    const again = await startEndpoint({ dataDir: restored });
    running.push(again);
    const { cookie } = await adminSession(again.url);
    const csv = await (await fetch(`${again.url}/api/v1/export/responses.csv`, { headers: { cookie } })).text();
    const ids = new Set((parse(csv, { bom: true, columns: true }) as Array<{ id: string }>).map((r) => r.id));
    expect(before.filter((id) => !ids.has(id))).toEqual([]);
    await again.stop();
    const store = await openStore({ file: join(restored, 'kiosk.sqlite') });
    expect(await store.maintenance.integrityCheck()).toBe('ok');
    await store.close();
  }, 120_000);

  it('a backup, purge or roll-up run against a DATA_DIR with no database says so and fails, and makes no empty database', async () => {
    const wrong = tmp();
    for (const cli of ['backup', 'purge', 'rollup']) {
      const r = await run(process.execPath, ['--import', 'tsx', join(ROOT, `src/server/cli/${cli}.ts`)], { cwd: ROOT, env: { ...process.env, DATA_DIR: wrong, DATABASE_URL: '' } })
        .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));
      expect(r.code, cli).not.toBe(0);
      expect(r.stderr, cli).toContain(`no database at ${join(wrong, 'kiosk.sqlite')}`);
    }
    expect(existsSync(join(wrong, 'kiosk.sqlite'))).toBe(false);
  }, 60_000);

  it('a seed asked for nonsense (responses "abc", the 45th of the 13th month, zero days) or a purge on a broken config says so in one line and fails, writing nothing', async () => {
    const dir = tmp();
    const node = (cli: string, args: string[], env: Record<string, string> = {}) => run(process.execPath, ['--import', 'tsx', join(ROOT, `src/server/cli/${cli}.ts`), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', ...env } })
      .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));
    for (const [args, said] of [[['--responses', 'abc'], '--responses must be a whole number'], [['--end', '2026-13-45'], '--end must be a day as YYYY-MM-DD'], [['--days', '0'], '--days must be a whole number of at least 1']] as const) {
      const r = await node('seed', [...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, 'kiosk.sqlite'))).toBe(false);
    const broken = tmp();
    cpSync(join(ROOT, 'kiosk-config'), broken, { recursive: true });
    writeFileSync(join(broken, 'sites.json'), '[{"id": "demo", "name": {"zh": "示范", "en": "Demo"}, "retentionDays": -30}]');
    await node('seed', ['--responses', '10']); // a database to purge
    const purge = await node('purge', [], { CONFIG_DIR: broken });
    expect(purge.code).toBe(2);
    expect(purge.stderr).toMatch(/^purge: configuration error: sites\.json at (sites)?\[0\]\.retentionDays: must be at least 1 day/m);
  }, 60_000);
});
