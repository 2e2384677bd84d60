/**
 * The quick reading of a well-formed rating gives exactly what the wire schema gives, and leaves everything
 * else to the schema: generated records, valid and subtly wrong, field by field. The payload digest stays the
 * one every stored record carries.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { KEYS, canonicalResponse, fastResponse } from '../../src/server/ingest/fast-parse';
import { payloadHash } from '../../src/server/ingest/ingest';
import { ResponseRecordSchema, SyncRecordSchema, SEQ_MAX, type SyncRecord } from '../../src/shared/wire';
import { uuidv7 } from '../../src/shared/ids';

/** A value for a field: mostly a good one (so that many whole records are good), sometimes one at or past a bound, sometimes of another type. */
const either = <T>(good: fc.Arbitrary<T>, ...odd: unknown[]) => fc.oneof({ weight: 40, arbitrary: good as fc.Arbitrary<unknown> }, fc.constantFrom(...odd));
const absent = Symbol('absent');
const text = (max: number) => fc.oneof(fc.string({ maxLength: max }), fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), 'a\u0000b', '', '排队'));

const record = fc.record({
  type: either(fc.constant('response'), 'suggestion', 'Response', absent),
  id: either(fc.constant(null).map(() => uuidv7()), 'not-a-uuid', '0190a2b4-1c2d-4e5f-8a6b-7c8d9e0f1a2b', absent),
  rev: either(fc.integer({ min: 0, max: 10_000 }), -1, 10_001, 1.5, '1', NaN, absent),
  seq: either(fc.integer({ min: 0, max: SEQ_MAX }), -1, 2.5, null, 1e300, SEQ_MAX + 1, 2 ** 40, absent),
  windowId: either(fc.constantFrom('w01', 'w02'), ...['', 'x'.repeat(64), 'x'.repeat(65), 'w\u0000', 5, absent]),
  staffId: either(fc.constantFrom(null, 's1001'), '', 'x'.repeat(65), absent, 7),
  score: either(fc.integer({ min: 1, max: 5 }), 0, 6, 2.5, '3', absent),
  scale: either(fc.constantFrom(3, 4, 5, absent), 2, '5', null),
  reasons: either(fc.array(text(41), { maxLength: 21 }), 'slow', null, [1], absent),
  comment: either(fc.oneof(fc.constantFrom(absent, '排队两小时', 'x'.repeat(500), 'say "no"\\ \n\u2028\ud800'), fc.string({ maxLength: 30, unit: 'binary' })), 'x'.repeat(501), 'a\u0000', null, 3),
  phone: either(fc.constantFrom(absent, '13812345678'), '1381234567', '23812345678', null),
  deviceTime: either(fc.constantFrom('2026-11-23T02:00:00.000Z', '2026-11-23T10:00:00+08:00'), '2026-02-30T10:00:00Z', '2019-12-31T23:59:59Z', '2026-11-23', 5, absent),
  channel: either(fc.constantFrom('kiosk', 'qr'), 'web', absent),
  suspect: either(fc.constantFrom(absent, true, false), 'true', null, 1),
  suspectReason: either(fc.constantFrom(absent, 'too_soon_after_thanks'), 'x'.repeat(65), 'a\u0000', 1),
  token: either(fc.constantFrom(absent, 'tok'), 'x'.repeat(2049), 'a\u0000', 1),
  followUp: either(fc.constantFrom(absent, true, false), 'no', 0),
  trackingCode: either(fc.constantFrom(absent, '0123456789ABCDEF'), '0123456789ABCDEI', 'short', 1),
  extra: fc.constantFrom(absent, 'ignored'),
});

/** The record as it arrives: parsed JSON, absent fields left out. */
const onWire = (r: Record<string, unknown>) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, x]) => x !== absent)))) as unknown;

describe('reading a rating quickly', () => {
  it('gives the wire schema’s own result for every record it reads, and reads none the schema refuses', () => {
    let read = 0;
    fc.assert(fc.property(record, (r) => {
      const raw = onWire(r);
      const quick = fastResponse(raw);
      if (quick === null) return;
      read++;
      const schema = v.safeParse(SyncRecordSchema, raw);
      expect(schema.success).toBe(true);
      expect(quick).toStrictEqual(schema.output);
      expect(Object.keys(quick)).toEqual(Object.keys(schema.output!)); // same order, so the same object
      expect(canonicalResponse(quick)).toBe(JSON.stringify(quick, Object.keys(quick).sort())); // the text its payload hash is made of
    }), { numRuns: 3000 });
    expect(read).toBeGreaterThan(500);
  });

  it('reads every ordinary kiosk rating, with the defaults the schema fills in', () => {
    const raw = { type: 'response', id: uuidv7(), rev: 0, seq: 1, windowId: 'w01', staffId: null, score: 2, reasons: ['slow'], deviceTime: '2026-11-23T02:00:00.000Z', channel: 'kiosk' };
    expect(fastResponse(raw)).toStrictEqual(v.parse(SyncRecordSchema, raw));
    expect(fastResponse(raw)).toMatchObject({ scale: 5, suspect: false, followUp: false });
  });

  it('knows every field of a rating the wire schema knows, so a field added later is never dropped on the quick path', () => {
    expect([...KEYS].sort()).toEqual(Object.keys(ResponseRecordSchema.entries).sort());
  });

  it('leaves a suggestion, a non-object and a field present but undefined to the schema', () => {
    expect(fastResponse({ type: 'suggestion' })).toBeNull();
    expect(fastResponse([])).toBeNull();
    expect(fastResponse('response')).toBeNull();
    const raw = { type: 'response', id: uuidv7(), rev: 0, seq: 1, windowId: 'w01', staffId: null, score: 2, reasons: [], deviceTime: '2026-11-23T02:00:00.000Z', channel: 'kiosk', comment: undefined };
    expect(fastResponse(raw)).toBeNull();
  });
});

describe('the payload digest', () => {
  it('is the one stored before for any record, so a record sent again after an upgrade is still a duplicate', () => {
    const before = (r: object) => createHash('sha256').update(JSON.stringify(r, Object.keys(r).sort())).digest('hex').slice(0, 32);
    fc.assert(fc.property(record, fc.option(fc.object()), (r, odd) => {
      const rec = onWire(r) as Record<string, unknown>;
      if (odd !== null) rec.extra = odd; // nested objects, which the sorted key list filters
      expect(payloadHash(rec as unknown as SyncRecord)).toBe(before(rec));
    }), { numRuns: 2000 });
  });
});
