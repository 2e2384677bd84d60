/**
 * Several endpoint processes on one PostgreSQL database (as behind a load balancer): the same batch sent to two
 * processes at the same moment stores each record once, SIGKILL of a process mid-batch loses nothing it acknowledged,
 * and an alert raised by one of them reaches the hall's robot once.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { badReview } from './cases-kit';
import { startServer, type RunningServer } from '../browser/harness';
import { openStore, type Store } from '../../src/server/store';
import { dropSchema } from '../../src/server/store/postgres/scratch';
import { response, rows, testSchema, TEST_DATABASE_URL } from './testkit';

const schema = await testSchema();
const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
const servers: RunningServer[] = [];
let store: Store | null = null;

afterAll(async () => {
  // Whatever failed above, the schema goes: every step is tried, then the first failure is reported.
  const steps = await Promise.allSettled([...servers.map((s) => s.stop()), store?.close()]);
  await dropSchema(TEST_DATABASE_URL, schema);
  const failed = steps.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
});

type Results = { results: Array<{ id: string; status: string }> };
const post = (url: string, token: string, records: unknown[]) => fetch(`${url}/api/v1/sync`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ records }),
});

describe('several endpoint processes on one PostgreSQL database', () => {
  it('two processes that start together share one schema; a batch sent to both at once stores each record once', async () => {
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    servers.push(a!, b!);
    const enrolled = await fetch(`${a!.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w01' }) });
    const { token } = (await enrolled.json()) as { token: string };
    for (let round = 0; round < 5; round++) {
      const batch = Array.from({ length: 100 }, () => response());
      const answers = await Promise.all([a, b].map(async (s) => ((await (await post(s!.url, token, batch)).json()) as Results).results));
      for (let i = 0; i < batch.length; i++) {
        // One process stored it; the other found it stored (before its insert, or by losing the insert race).
        expect(answers.map((r) => r[i]!.status).sort(), `record ${i} of round ${round}`).toEqual(['duplicate', 'stored']);
      }
    }
    store = await openStore({ url: TEST_DATABASE_URL, schema, poolSize: 2 });
    const ids = (await rows(store, 'responses')).map((r) => r.id);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    const levels = await store.stats.levelCounts({ siteId: 'demo', from: '2000-01-01', to: '2100-01-01', windowId: null, staffId: null, suspect: true }, []);
    expect(levels.reduce((n, r) => n + r.n, 0)).toBe(500); // roll-ups counted each record once too
    expect((await rows(store, 'users')).filter((u) => u.username === 'admin')).toHaveLength(1);
  }, 120_000);

  it('a process killed with SIGKILL in the middle of a batch loses nothing it acknowledged', async () => {
    const victim = await startServer({ env });
    servers.push(victim);
    const enrolled = await fetch(`${victim.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w02' }) });
    const { token } = (await enrolled.json()) as { token: string };
    const acknowledged: string[] = [];
    const inFlight: Array<Promise<unknown>> = [];
    for (let i = 0; i < 40; i++) {
      const batch = Array.from({ length: 100 }, () => response({ windowId: 'w02' }));
      const sent = post(victim.url, token, batch).then(async (r) => {
        const out = (await r.json()) as Results;
        for (const x of out.results) if (x.status === 'stored') acknowledged.push(x.id);
      }, () => undefined); // the connection dies with the process: that batch was never acknowledged
      inFlight.push(sent);
      if (i <= 5) await sent; // six batches answered before the kill…
      if (i === 12) victim.proc.kill('SIGKILL'); // …and the kill lands while others are on the wire
    }
    await Promise.all(inFlight);
    expect(acknowledged.length).toBeGreaterThanOrEqual(600);
    store ??= await openStore({ url: TEST_DATABASE_URL, schema, poolSize: 2 });
    const present = new Set((await rows(store, 'responses')).map((r) => r.id));
    expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
  }, 120_000);

  it('a bad review with a phone number synced to one of the processes reaches the hall\'s chat robot once, as each message it raises', async () => {
    const received: Array<{ id: string; title: string }> = [];
    const robot = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => { body += d.toString(); });
      req.on('end', () => { received.push(JSON.parse(body) as { id: string; title: string }); res.end('{"ok":true}'); });
    });
    await new Promise<void>((ok) => robot.listen(0, '127.0.0.1', ok));
    try {
      store ??= await openStore({ url: TEST_DATABASE_URL, schema, poolSize: 2 });
      await store.alertChannels.put({
        id: 'duty-robot', site_id: 'demo', kind: 'webhook', name: '值班群', url: `http://127.0.0.1:${(robot.address() as AddressInfo).port}/hook`,
        secret: null, recipients: null, lang: 'zh-CN', kinds: null, created_at: Date.now(),
      });
      const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]); // beside the processes still running above
      servers.push(a!, b!);
      const enrolled = await fetch(`${b!.url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ windowId: 'w03' }) });
      const { token } = (await enrolled.json()) as { token: string };
      const sent = ((await (await post(b!.url, token, [badReview({ windowId: 'w03' })])).json()) as Results).results;
      expect(sent.map((r) => r.status)).toEqual(['stored']);
      const queued = async () => (await store!.outbox.list('all', 50)).filter((e) => e.channelId === 'duty-robot');
      await expect.poll(async () => (await queued()).length, { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(async () => (await queued()).every((e) => e.status === 'sent'), { timeout: 30_000 }).toBe(true);
      // Each message the robot got, once: no process sent one twice (a robot request carries its batch's key).
      expect(received.length).toBeGreaterThan(0);
      expect(new Set(received.map((m) => m.id)).size).toBe(received.length);
      expect(received.some((m) => m.title.includes('差评'))).toBe(true);
    } finally {
      await new Promise((ok) => robot.close(ok));
    }
  }, 120_000);
});
