import { describe, it, expect, afterAll } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openStore } from '../../src/server/store';
import { MIGRATIONS } from '../../src/server/store/sqlite/migrations';
import { loadConfig, ConfigIndex } from '../../src/server/config/load';
import { createApp } from '../../src/server/app';
import { CONFIG_DIR, rows as tableRows } from './testkit';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/release-0.1.0.sqlite');
const dir = mkdtempSync(join(tmpdir(), 'fk-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('upgrading from the previous release', () => {
  it('a database written by release 0.1.0 migrates with its ratings, suggestion, admin and kiosk intact', async () => {
    const file = join(dir, 'kiosk.sqlite');
    copyFileSync(FIXTURE, file);
    // Release 0.1.0 wrote schema version 5 (its whole ladder); every later step must apply on top of it.
    const store = await openStore({ file });
    expect((await store.health()).schemaVersion).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(5);
    expect(await store.maintenance.integrityCheck()).toBe('ok');
    const oldIds = (await tableRows(store, 'responses')).map((r) => r.id as string).sort();
    expect(oldIds).toHaveLength(40);
    expect(await store.tables.count('suggestions')).toBe(1);
    const app = createApp({ store, config: new ConfigIndex(loadConfig(CONFIG_DIR)), now: () => Date.parse('2026-11-20T03:00:00Z'), version: 'next', production: false });
    const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'fixture-password-1' }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csv = await (await app.request('/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30', { headers: { cookie } })).text();
    const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.id).sort()).toEqual(oldIds);
    expect(rows.find((r) => r.comment === '窗口人员态度很好，谢谢')).toMatchObject({ window_number: '01', staff_name: '王丽', phone: '138****1234' });
    const sugg = await (await app.request('/api/v1/export/suggestions.csv?from=2026-11-01&to=2026-11-30', { headers: { cookie } })).text();
    expect(sugg).toContain('排队时间太长');
    const kiosks = await (await app.request('/api/v1/admin/kiosks', { headers: { cookie } })).json() as { kiosks: unknown[] };
    expect(kiosks.kiosks).toHaveLength(1);
    await store.close();
  });
});
