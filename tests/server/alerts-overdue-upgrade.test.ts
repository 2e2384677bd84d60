/** An overdue alert raised before its key named the deadline is not raised again after the upgrade. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/server/store';
import { sqliteRerunStep } from '../../src/server/store/sqlite/baseline';
import { createApp } from '../../src/server/app';
import { ConfigIndex, loadConfig } from '../../src/server/config/load';
import { casePass } from '../../src/server/alerts/service';
import { parseTrustProxy } from '../../src/server/http/client';
import { CONFIG_DIR, enrol, ENGINE, syncRequest } from './testkit';
import { badReview } from './cases-kit';

const H = 3_600_000;

describe.runIf(ENGINE === 'sqlite')('overdue alerts across the upgrade that keyed them by deadline', () => {
  it('an alert raised under the case\'s old key is renamed for the deadline it was raised past, and the deadline pass raises nothing twice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fk-overdue-')), 'kiosk.sqlite');
    const config = new ConfigIndex(loadConfig(CONFIG_DIR));
    let store = await openStore({ file });
    const app = createApp({ store, config, now: Date.now, version: 'test', production: false, deploy: { trustProxy: parseTrustProxy(undefined) } });
    const token = await enrol(app);
    // Two cases: one alerted past its call-back deadline, one past its fix deadline, both under the old key.
    for (let i = 0; i < 2; i++) expect((await app.request('/api/v1/sync', syncRequest(token, { records: [badReview({ phone: i === 0 ? '13812345678' : undefined })] }))).status).toBe(200);
    const cases = (await store.tables.scan('followup_cases', null, 10)) as Array<{ number: string; callback_due_at: number | null; due_at: number; window_id: string }>;
    const [callback, fix] = [cases.find((c) => c.callback_due_at !== null)!, cases.find((c) => c.callback_due_at === null)!];
    const legacy = (c: (typeof cases)[number], at: number) => ({
      id: `old-${c.number}`, key: `case_overdue:${c.number}`, kind: 'case_overdue', site_id: 'demo', window_id: c.window_id, kiosk_id: null,
      facts: JSON.stringify({ case: c.number }), link: 'https://hall.example/dashboard', raised_at: at,
    });
    expect(await store.alerts.raise(legacy(callback, callback.callback_due_at! + H))).toBe(true);
    expect(await store.alerts.raise(legacy(fix, fix.due_at + H))).toBe(true);
    await store.close();
    // The upgrade's step, run again over rows written the old way.
    sqliteRerunStep(file, -1);
    store = await openStore({ file });
    const keys = async () => (await store.tables.scan('alerts', null, 10) as Array<{ key: string }>).map((a) => a.key).sort();
    expect(await keys()).toEqual([`case_overdue:${callback.number}:callback`, `case_overdue:${fix.number}:due`].sort());
    await casePass(store, config, callback.callback_due_at! + 2 * H, 'https://hall.example'); // the call-back still owed
    await casePass(store, config, fix.due_at + 2 * H, 'https://hall.example');
    expect((await keys()).filter((k) => k.startsWith('case_overdue:'))).toHaveLength(2);
    await store.close();
  });
});
