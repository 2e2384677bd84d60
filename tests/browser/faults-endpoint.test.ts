/**
 * The endpoint process under stress: ingest while a large CSV export streams, and SIGKILL mid-batch.
 * Runs the real server (src/server/main.ts) on 127.0.0.1 and talks to it over HTTP from Node.
 */
import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startServer, adminCookie, type RunningServer } from './harness';
import { uuidv7 } from '../../src/shared/ids';

let servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers) if (s.proc.exitCode === null && s.proc.signalCode === null) await s.stop();
  servers = [];
});

async function start(opts: { port?: number; dataDir?: string } = {}): Promise<RunningServer> {
  const s = await startServer(opts);
  servers.push(s);
  return s;
}

async function enrolToken(url: string): Promise<string> {
  const r = await fetch(`${url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
  return ((await r.json()) as { token: string }).token;
}

let seq = 0;
function batch(n: number) {
  return Array.from({ length: n }, () => ({
    type: 'response', id: uuidv7(), rev: 0, seq: ++seq, windowId: 'w01', staffId: null, score: 4, scale: 5, reasons: [],
    deviceTime: new Date().toISOString(), channel: 'kiosk', suspect: false, followUp: false,
  }));
}

async function post(url: string, token: string, records: unknown[], timeoutMs = 15_000): Promise<{ status: number; results?: Array<{ id: string; status: string }> }> {
  const res = await fetch(`${url}/api/v1/sync`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ sentAt: Date.now(), records }), signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return res.ok ? { status: res.status, results: (JSON.parse(text) as { results: Array<{ id: string; status: string }> }).results } : { status: res.status };
}

describe('the endpoint under stress', () => {
  it('keeps ingesting while a large CSV export streams to a slow reader', async () => {
    const server = await start();
    const seed = new Database(join(server.dataDir, 'kiosk.sqlite'));
    seed.pragma('busy_timeout = 5000');
    const ins = seed.prepare(`INSERT INTO responses (id, rev, payload_hash, site_id, window_id, staff_id, kiosk_id, channel, score, scale, reasons,
      device_time, received_at, counted_at, day, hour, weekday, seq) VALUES (?, 0, 'x', 'demo', 'w02', NULL, 'seed', 'kiosk', 5, 5, '[]', ?, ?, ?, ?, 10, 1, ?)`);
    const t = Date.now();
    const day = new Date(t).toISOString().slice(0, 10);
    seed.transaction(() => { for (let i = 0; i < 60_000; i++) ins.run(uuidv7(), new Date(t).toISOString(), t, t, day, i); })();
    seed.close();

    const cookie = await adminCookie(server.url);
    const exp = await fetch(`${server.url}/api/v1/export/responses.csv`, { headers: { cookie } });
    expect(exp.status).toBe(200);
    const reader = exp.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value); // the export has begun; now the reader stalls

    const token = await enrolToken(server.url);
    for (let i = 0; i < 10; i++) {
      const r = await post(server.url, token, batch(200));
      expect(r.status).toBe(200);
      expect(r.results!.every((x) => x.status === 'stored')).toBe(true);
    }
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const lines = text.split('\r\n').filter((l) => l.length > 0);
    expect(lines.length - 1).toBeGreaterThanOrEqual(60_000);
    const db = new Database(join(server.dataDir, 'kiosk.sqlite'), { readonly: true });
    expect((db.prepare("SELECT count(*) AS n FROM responses WHERE kiosk_id <> 'seed'").get() as { n: number }).n).toBe(2_000);
    db.close();
  }, 120_000);

  it('killed with SIGKILL mid-batch, again and again, it restarts with an intact database and every acknowledged record', async () => {
    let server = await start();
    const { port, dataDir } = server;
    const token = await enrolToken(server.url);
    const acknowledged = new Set<string>();
    const unanswered: unknown[][] = [];
    for (let round = 0; round < 3; round++) {
      let killed = false;
      const killer = setTimeout(() => { killed = true; server.proc.kill('SIGKILL'); }, 300 + round * 150);
      while (!killed) {
        const records = batch(200);
        try {
          const r = await post(server.url, token, records, 5_000);
          if (r.status === 200) for (const x of r.results!) acknowledged.add(x.id);
          else unanswered.push(records);
        } catch {
          unanswered.push(records); // cut by the kill: the client does not know whether it committed
        }
      }
      clearTimeout(killer);
      await new Promise<void>((ok) => { if (server.proc.exitCode !== null || server.proc.signalCode !== null) ok(); else server.proc.once('exit', () => ok()); });
      const check = new Database(join(dataDir, 'kiosk.sqlite'));
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      const present = new Set((check.prepare('SELECT id FROM responses').all() as Array<{ id: string }>).map((r) => r.id));
      check.close();
      for (const id of acknowledged) expect(present.has(id)).toBe(true);
      server = await start({ port, dataDir });
    }
    // The device resends what it never heard back about: each record ends up stored exactly once.
    for (const records of unanswered) {
      const r = await post(server.url, token, records);
      expect(r.status).toBe(200);
      for (const x of r.results!) expect(['stored', 'duplicate']).toContain(x.status);
    }
    const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true });
    const row = db.prepare('SELECT count(*) AS n, count(DISTINCT id) AS d FROM responses').get() as { n: number; d: number };
    const expected = acknowledged.size + unanswered.flat().filter((r) => !acknowledged.has((r as { id: string }).id)).length;
    expect(row).toEqual({ n: expected, d: expected });
    db.close();
  }, 120_000);
});
