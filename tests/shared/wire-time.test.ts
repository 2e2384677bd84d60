import { describe, it, expect } from 'vitest';
import * as v from 'valibot';
import { parseWireTime, ResponseRecordSchema, HeartbeatSchema, SyncRequestSchema } from '../../src/shared/wire';
import { uuidv7 } from '../../src/shared/ids';

const rating = (deviceTime: string) => ({
  type: 'response', id: uuidv7(), rev: 0, seq: 1, windowId: 'w01', staffId: null, score: 5, reasons: [], deviceTime, channel: 'kiosk',
});

describe('the wire time of a record', () => {
  it('accepts RFC 3339 with Z or a ±HH:MM offset, and reads it as Date.parse does', () => {
    for (const s of ['2026-11-23T02:00:00Z', '2026-11-23T10:00:00+08:00', '2026-11-22T21:00:00.5-05:00', '2026-11-23T02:00:00.123456789Z']) {
      expect(parseWireTime(s), s).toBe(Date.parse(s));
      expect(v.safeParse(ResponseRecordSchema, rating(s)).success, s).toBe(true);
    }
    expect(parseWireTime('2026-11-23T10:00:00+08:00')).toBe(Date.parse('2026-11-23T02:00:00Z'));
  });

  it('refuses offsets without minutes and other shapes Date.parse cannot read', () => {
    for (const s of ['2026-11-23T10:00:00+08', '2026-11-23T10:00:00-23', '2026-11-23T10:00:00', '2026-11-23 10:00:00Z', '2026-11-23T10:00Z', '20261123T100000Z', '']) {
      expect(parseWireTime(s), s).toBeNull();
      const r = v.safeParse(ResponseRecordSchema, rating(s));
      expect(r.success, s).toBe(false);
      if (!r.success) expect(v.getDotPath(r.issues[0]!)).toBe('deviceTime');
    }
  });

  it('refuses days that are not on the calendar and clock times that do not exist', () => {
    for (const s of ['2026-02-30T00:00:00Z', '2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z', '2026-01-01T10:00:60Z', '2026-01-01T10:00:00+24:00']) {
      expect(parseWireTime(s), s).toBeNull();
    }
    expect(parseWireTime('2028-02-29T00:00:00Z')).toBe(Date.parse('2028-02-29T00:00:00Z')); // a leap day is real
  });

  it('refuses times before 2020, such as year 0500 or 0000', () => {
    for (const s of ['0500-06-01T00:00:00Z', '0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '2019-12-31T23:59:59Z', '2020-01-01T07:59:59+08:00']) {
      expect(parseWireTime(s), s).toBeNull();
    }
    expect(parseWireTime('2020-01-01T00:00:00Z')).toBe(Date.UTC(2020, 0, 1));
  });
});

describe('numbers a device reports', () => {
  const beat = { appVersion: '1', pending: 0, deadLetters: 0, lastSyncAt: Date.now(), storageUsage: 1, storageQuota: 2, clockOffsetMs: 0 };

  it('a heartbeat with a last sync at 1e300, negative bytes or a vast offset is refused, naming the field', () => {
    for (const [field, value] of [['lastSyncAt', 1e300], ['storageUsage', -1], ['storageQuota', 1e300], ['clockOffsetMs', 1e300], ['pending', 1e12], ['deadLetters', 0.5]] as const) {
      const r = v.safeParse(HeartbeatSchema, { ...beat, [field]: value });
      expect(r.success, field).toBe(false);
      if (!r.success) expect(v.getDotPath(r.issues[0]!)).toBe(field);
    }
  });

  it('a heartbeat from a tablet whose clock was reset to 1970 is still accepted', () => {
    expect(v.safeParse(HeartbeatSchema, { ...beat, lastSyncAt: 86_400_000, clockOffsetMs: -1.7e12 }).success).toBe(true);
  });

  it('a batch with an infinite send time or clock offset is refused, naming the field', () => {
    expect(v.safeParse(SyncRequestSchema, { records: [], sentAt: Infinity }).success).toBe(false);
    expect(v.safeParse(SyncRequestSchema, { records: [], clockOffsetMs: -1e300 }).success).toBe(false);
    expect(v.safeParse(SyncRequestSchema, { records: [], sentAt: Date.now(), clockOffsetMs: 1200 }).success).toBe(true);
  });
});
