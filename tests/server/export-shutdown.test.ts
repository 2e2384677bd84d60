import { describe, it, expect, afterAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/server/db/sqlite';
import { uuidv7 } from '../../src/shared/ids';
import { withoutRollupTriggers } from '../../src/server/stats/rollup';
import { startEndpoint, adminSession } from './deploy-kit';

const N = 200_000;
const dataDir = mkdtempSync(join(tmpdir(), 'fk-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** 200,000 ratings over November, written straight into the endpoint's database file before it starts. */
function seed(): void {
  const db = openDb(join(dataDir, 'kiosk.sqlite'));
  const ins = db.prepare(`INSERT INTO responses (id, rev, payload_hash, site_id, window_id, staff_id, kiosk_id, channel, score, scale, reasons, comment,
    device_time, received_at, counted_at, day, hour, weekday, seq) VALUES (?, 0, 'x', 'demo', ?, 's1001', 'k', 'kiosk', ?, 5, '[]', ?, ?, ?, ?, ?, 10, 0, ?)`);
  const t0 = Date.parse('2026-11-01T01:00:00Z');
  withoutRollupTriggers(db, () => db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const at = t0 + Math.floor(i / 10_000) * 86_400_000 + (i % 10_000) * 2000;
      ins.run(uuidv7(at), `w0${(i % 5) + 1}`, (i % 5) + 1, i % 7 === 0 ? '窗口"服务"好, 谢谢' : null, new Date(at).toISOString(), at, at, `2026-11-${String(1 + Math.floor(i / 10_000)).padStart(2, '0')}`, i + 1);
    }
  })());
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('graceful shutdown', () => {
  it('SIGTERM during a 200,000-row export: the download completes and parses, then the endpoint exits 0 and checkpoints the WAL', async () => {
    seed();
    const e = await startEndpoint({ dataDir, env: { SHUTDOWN_GRACE_MS: '120000', LOG_LEVEL: 'info' } });
    const { cookie } = await adminSession(e.url);
    const res = await fetch(`${e.url}/api/v1/export/responses.csv?from=2026-11-01&to=2026-11-30&suspect=1`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const parts: Uint8Array[] = [];
    const first = await reader.read();
    parts.push(first.value!);
    e.proc.kill('SIGTERM');
    await expect.poll(() => e.output()).toContain('"msg":"shutdown"');
    // Stopped accepting: a new connection is refused while the export goes on.
    await expect(fetch(`${e.url}/api/v1/health`)).rejects.toThrow();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    const rows = parse(Buffer.concat(parts), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.id)).size).toBe(N);
    expect(await e.exited).toBe(0);
    expect(e.output()).toContain('"msg":"stopped"');
    const db = openDb(join(dataDir, 'kiosk.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n).toBe(N);
    db.close();
  }, 240_000);
});
