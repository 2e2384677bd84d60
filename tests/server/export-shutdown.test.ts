import { describe, it, expect, afterAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/server/store';
import { uuidv7 } from '../../src/shared/ids';
import { startEndpoint, adminSession } from './deploy-kit';

const N = 200_000;
const dataDir = mkdtempSync(join(tmpdir(), 'fk-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** 200,000 ratings over November, loaded through the store into the endpoint's database file before it starts. */
async function seed(): Promise<void> {
  const store = await openStore({ file: join(dataDir, 'kiosk.sqlite') });
  const t0 = Date.parse('2026-11-01T01:00:00Z');
  for (let start = 0; start < N; start += 5000) {
    const rows = Array.from({ length: 5000 }, (_, k) => {
      const i = start + k;
      const at = t0 + Math.floor(i / 10_000) * 86_400_000 + (i % 10_000) * 2000;
      return {
        id: uuidv7(at), rev: 0, payload_hash: 'x', site_id: 'demo', window_id: `w0${(i % 5) + 1}`, staff_id: 's1001', kiosk_id: 'k', channel: 'kiosk',
        score: (i % 5) + 1, scale: 5, reasons: '[]', comment: i % 7 === 0 ? '窗口"服务"好, 谢谢' : null, device_time: new Date(at).toISOString(),
        received_at: at, counted_at: at, day: `2026-11-${String(1 + Math.floor(i / 10_000)).padStart(2, '0')}`, hour: 10, weekday: 0, seq: i + 1,
      };
    });
    await store.tables.insert('responses', rows);
  }
  await store.close();
}

describe('graceful shutdown', () => {
  it('SIGTERM during a 200,000-row export: the download completes and parses, then the endpoint exits 0 and checkpoints the WAL', async () => {
    await seed();
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
    const store = await openStore({ file: join(dataDir, 'kiosk.sqlite') });
    expect(await store.maintenance.integrityCheck()).toBe('ok');
    expect(await store.tables.count('responses')).toBe(N);
    await store.close();
  }, 240_000);
});
