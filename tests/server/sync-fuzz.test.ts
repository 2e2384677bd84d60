/**
 * Bounded fuzzing of both sync routes with fast-check: about 2,000 generated and mutated batches, in process.
 * Whatever arrives, the endpoint answers below 500, answers every record of an accepted batch, and stores
 * nothing the wire schema would refuse. FUZZ_RUNS raises the count for a longer hunt.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { makeEndpoint, enrol, syncRequest, rows } from './testkit';
import { issuePosterToken } from '../../src/server/qr/issue';
import { parseWireTime, SyncResponseSchema } from '../../src/shared/wire';
import { isDay } from '../../src/shared/time';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const NOW = Date.parse('2026-11-23T02:00:00Z');
type Endpoint = Awaited<ReturnType<typeof makeEndpoint>>;

let ep: Endpoint;
let deviceToken: string;
let posterToken: string;
const figures = { batches: 0, records: 0, byStatus: new Map<number, number>(), ms: 0 };

beforeAll(async () => {
  ep = await makeEndpoint({ now: () => NOW });
  deviceToken = await enrol(ep.app, 'w01');
  const issued = await issuePosterToken(ep.store, 'demo', 'w01', NOW - 60_000);
  if (issued.kind !== 'ok') throw new Error('the demo site has no signing secret');
  posterToken = issued.token;
});

/** Times of every shape seen in the field and in attacks: offsets without minutes, year 0500, 30 February. */
const deviceTime = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: NOW - 30 * 86_400_000, max: NOW + 60_000 }).map((ms) => new Date(ms).toISOString()) },
  fc.constantFrom('2026-11-23T10:00:00+08', '2026-11-23T10:00:00+08:00', '2026-11-23T10:00:00-23', '0500-06-01T00:00:00Z',
    '0000-01-01T00:00:00Z', '2026-02-30T10:00:00Z', '+275760-09-13T00:00:00Z', '2026-11-23T10:00:00.123456789Z', '2026-11-23', '9999-12-31T23:59:59Z'),
  fc.date({ min: new Date(-62_000_000_000_000), max: new Date(9_000_000_000_000), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string({ maxLength: 40 }),
);

const hostile = fc.oneof(
  fc.anything({ maxDepth: 2, maxKeys: 4 }),
  fc.constantFrom(1e300, -1e300, -0, 0.5, -1, 2 ** 53, '', '\u0000', '=cmd|calc', '＝1+1', 'x'.repeat(5000), [], {}, null, true),
);

const FIELDS = ['type', 'id', 'rev', 'seq', 'windowId', 'staffId', 'score', 'scale', 'reasons', 'comment', 'phone', 'deviceTime',
  'channel', 'suspect', 'suspectReason', 'token', 'followUp', 'category', 'text', 'contact'] as const;

/** A record as a kiosk or phone would make it, for the given channel. */
const baseRecord = (channel: 'kiosk' | 'qr') => fc.oneof(
  { weight: 3, arbitrary: fc.record({
    type: fc.constant('response'), id: fc.uuid({ version: 7 }), rev: fc.integer({ min: 0, max: 3 }), seq: fc.integer({ min: 1, max: 1e6 }),
    windowId: fc.constantFrom('w01', 'w02', 'nope'), staffId: fc.constantFrom(null, 's1001', 's9999'), score: fc.integer({ min: 1, max: 5 }),
    scale: fc.constantFrom(3, 4, 5), reasons: fc.subarray(['attitude', 'slow', 'no-such-reason']), comment: fc.string({ maxLength: 60 }),
    deviceTime, channel: fc.constant(channel), suspect: fc.boolean(), followUp: fc.constant(false),
    ...(channel === 'qr' ? { token: fc.constant(posterToken) } : {}),
  }, { requiredKeys: ['type', 'id', 'rev', 'seq', 'windowId', 'staffId', 'score', 'reasons', 'deviceTime', 'channel'] }) },
  fc.record({
    type: fc.constant('suggestion'), id: fc.uuid({ version: 7 }), rev: fc.integer({ min: 0, max: 3 }), seq: fc.integer({ min: 1, max: 1e6 }),
    windowId: fc.constantFrom('w01', 'w03'), staffId: fc.constant(null), category: fc.constantFrom('suggestion', 'complaint', 'praise', 'nope'),
    text: fc.string({ minLength: 0, maxLength: 80 }), contact: fc.oneof(fc.constant('13812341234'), fc.string({ maxLength: 30 })),
    deviceTime, channel: fc.constant(channel), ...(channel === 'qr' ? { token: fc.constant(posterToken) } : {}),
  }, { requiredKeys: ['type', 'id', 'rev', 'seq', 'windowId', 'staffId', 'category', 'text', 'deviceTime', 'channel'] }),
);

/** A record with up to three fields replaced by hostile values or removed. */
const mutated = (channel: 'kiosk' | 'qr') => fc.tuple(baseRecord(channel), fc.oneof(fc.constant([]), fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(hostile)), { maxLength: 3 })))
  .map(([rec, edits]) => {
    const out: Record<string, unknown> = { ...rec };
    for (const [field, value] of edits) {
      if (value === null) delete out[field];
      else out[field] = value;
    }
    return out;
  });

const envelope = (channel: 'kiosk' | 'qr') => fc.record({
  deviceId: channel === 'qr' ? fc.oneof({ weight: 20, arbitrary: fc.constantFrom('phone-fuzz-0001', 'phone-fuzz-0002') }, hostile) : fc.option(fc.string({ maxLength: 70 }), { nil: undefined }),
  sentAt: fc.option(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: NOW - 86_400_000, max: NOW + 86_400_000 }) }, hostile), { nil: undefined }),
  clockOffsetMs: fc.option(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: -1e7, max: 1e7 }) }, hostile), { nil: undefined }),
  records: fc.oneof({ weight: 20, arbitrary: fc.array(fc.oneof({ weight: 6, arbitrary: mutated(channel) }, hostile), { maxLength: 6 }) }, hostile),
}, { requiredKeys: ['records'] });

/** The body as sent: JSON of the envelope, sometimes truncated or not JSON at all. */
const body = (channel: 'kiosk' | 'qr') => fc.oneof(
  { weight: 12, arbitrary: envelope(channel).map((e) => JSON.stringify(e)) },
  fc.tuple(envelope(channel), fc.nat()).map(([e, cut]) => { const s = JSON.stringify(e); return s.slice(0, cut % (s.length + 1)); }),
  fc.string({ maxLength: 200 }),
);

async function send(path: string, token: string | null, text: string): Promise<void> {
  const t0 = performance.now();
  const res = await ep.app.request(path, syncRequest(token, text));
  figures.ms += performance.now() - t0;
  figures.batches++;
  figures.byStatus.set(res.status, (figures.byStatus.get(res.status) ?? 0) + 1);
  const answer = await res.text();
  expect(res.status, `${path} answered ${res.status} ${answer.slice(0, 300)} to ${text.slice(0, 500)}`).toBeLessThan(500);
  if (res.status !== 200) return;
  const parsed = v.safeParse(SyncResponseSchema, JSON.parse(answer));
  expect(parsed.success, answer.slice(0, 300)).toBe(true);
  const sent = (JSON.parse(text) as { records: unknown[] }).records;
  figures.records += sent.length;
  if (parsed.success) expect(parsed.output.results).toHaveLength(sent.length);
}

interface StoredRow { id: string; device_time: string; day: string; counted_at: number; received_at: number; score?: number; channel: string; reasons?: string }

/** Every stored row, judged by the same rules the wire schema applies to what arrives. */
async function storedButRefusable(): Promise<{ stored: number; bad: string[] }> {
  const bad: string[] = [];
  const all = [...(await rows(ep.store, 'responses')), ...(await rows(ep.store, 'suggestions'))] as unknown as StoredRow[];
  for (const r of all) {
    if (parseWireTime(r.device_time) === null) bad.push(`${r.id}: device time ${r.device_time}`);
    if (!isDay(r.day) || r.day < '2020-01-01') bad.push(`${r.id}: day ${r.day}`);
    if (!Number.isFinite(r.counted_at) || r.counted_at > NOW + 10 * 60_000) bad.push(`${r.id}: counted at ${r.counted_at}`);
    if (r.score !== undefined && ![1, 2, 3, 4, 5].includes(r.score)) bad.push(`${r.id}: score ${r.score}`);
    if (r.reasons !== undefined && !Array.isArray(JSON.parse(r.reasons))) bad.push(`${r.id}: reasons ${r.reasons}`);
  }
  return { stored: all.length, bad };
}

describe('fuzzing the sync routes', () => {
  it(`${RUNS} mutated batches on the kiosk route: no 5xx, every record answered`, async () => {
    await fc.assert(fc.asyncProperty(body('kiosk'), (text) => send('/api/v1/sync', deviceToken, text)), { numRuns: RUNS, seed: 20261123 });
  }, 60_000);

  it(`${RUNS} mutated batches on the phone route: no 5xx, every record answered`, async () => {
    await fc.assert(fc.asyncProperty(body('qr'), (text) => send('/api/v1/q/sync', null, text)), { numRuns: RUNS, seed: 20261124 });
  }, 60_000);

  it('nothing stored after the fuzzing is something the wire schema would refuse', async () => {
    const { stored, bad } = await storedButRefusable();
    expect(stored, 'the generators must also make valid records, or the test proves little').toBeGreaterThan(50);
    expect(bad).toEqual([]);
    const statuses = [...figures.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(', ');
    console.log(`fuzz: ${figures.batches} batches, ${figures.records} records in accepted batches, ${stored} rows stored, answers ${statuses}, mean ${(figures.ms / figures.batches).toFixed(2)} ms per batch`);
  });
});
