/**
 * Stores a sync batch: every record validated on its own, stored by its client id,
 * the whole batch in one transaction so the answer is only sent for what committed.
 */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { Db } from '../db/sqlite';
import type { ConfigIndex } from '../config/load';
import { SyncRecordSchema, firstIssue, type RecordOutcome, type ResponseRecord, type SuggestionRecord, type SyncRecord } from '../../shared/wire';
import { localParts } from '../../shared/time';
import type { Site } from '../../shared/config';

/** Who sent the batch: an enrolled kiosk, or a phone that carries a signed QR token per record. */
export type Source =
  | { kind: 'kiosk'; kioskId: string; siteId: string }
  | { kind: 'qr'; deviceId: string };

export interface IngestContext {
  db: Db;
  config: ConfigIndex;
  now: number;
  source: Source;
  /** Device clock minus endpoint clock, as the device estimated it. */
  clockOffsetMs?: number | undefined;
  /** Extra checks per record (QR tokens, case rules); return a rejection or extra columns. */
  check?: (record: SyncRecord, site: Site) => CheckResult;
}

export type CheckResult =
  | { ok: true; tokenKind?: string | null; caseNo?: string | null; suspect?: boolean; flags?: string[]; followUp?: boolean }
  | { ok: false; reason: string; field: string };

type Rejection = { id: string; status: 'rejected'; reason: string; field?: string };

function reject(id: unknown, reason: string, field?: string): Rejection {
  const out: Rejection = { id: typeof id === 'string' ? id : '', status: 'rejected', reason };
  if (field !== undefined) out.field = field;
  return out;
}

/** Prepared statements per connection: preparing one costs more than running it, and a batch runs each hundreds of times. */
const statements = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();
function stmt(db: Db, sql: string): ReturnType<Db['prepare']> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/** Canonical hash of a record's content: same id + same rev + different hash is a conflict. */
export function payloadHash(r: SyncRecord): string {
  const keys = Object.keys(r).sort();
  return createHash('sha256').update(JSON.stringify(r, keys)).digest('hex').slice(0, 32);
}

/** Ingests one batch; returns one outcome per input record, in order. */
export function ingestBatch(ctx: IngestContext, records: readonly unknown[]): RecordOutcome[] {
  const { db } = ctx;
  const run = db.transaction(() => records.map((raw) => ingestOne(ctx, raw)));
  return run.immediate();
}

function ingestOne(ctx: IngestContext, raw: unknown): RecordOutcome {
  const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  const parsed = v.safeParse(SyncRecordSchema, raw);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.issues);
    return reject(rawId, `invalid ${field || 'record'}: ${message}`, field || undefined);
  }
  const rec = parsed.output;
  const win = ctx.config.windows.get(rec.windowId);
  if (!win) return reject(rec.id, `unknown window "${rec.windowId}"`, 'windowId');
  const site = ctx.config.sites.get(win.siteId);
  if (!site) return reject(rec.id, `unknown site of window "${rec.windowId}"`, 'windowId');
  if (ctx.source.kind === 'kiosk' && ctx.source.siteId !== site.id) {
    return reject(rec.id, `window "${rec.windowId}" belongs to another site`, 'windowId');
  }
  if (rec.staffId !== null && ctx.config.staff.get(rec.staffId)?.siteId !== site.id) {
    return reject(rec.id, `unknown staff "${rec.staffId}"`, 'staffId');
  }
  if (rec.type === 'response') {
    const codes = new Set(site.reasons.map((r) => r.code));
    const bad = rec.reasons.findIndex((c) => !codes.has(c));
    if (bad >= 0) return reject(rec.id, `unknown reason "${rec.reasons[bad]}"`, `reasons.${bad}`);
  }
  const check = ctx.check ? ctx.check(rec, site) : ({ ok: true } as const);
  if (!check.ok) return reject(rec.id, check.reason, check.field);
  return rec.type === 'response' ? storeResponse(ctx, rec, site, check) : storeSuggestion(ctx, rec, site);
}

interface Existing { rev: number; payload_hash: string; kiosk_id: string | null; device_id: string | null }

/** The sender as stored with a record: a kiosk by its id, a phone by the device id it sends with every batch. */
const ownerOf = (source: Source) => (source.kind === 'kiosk' ? { kiosk_id: source.kioskId, device_id: null } : { kiosk_id: null, device_id: source.deviceId });

function compareExisting(ctx: IngestContext, table: 'responses' | 'suggestions', rec: SyncRecord, hash: string): RecordOutcome | 'insert' | 'update' {
  const ex = stmt(ctx.db, `SELECT rev, payload_hash, kiosk_id, device_id FROM ${table} WHERE id = ?`).get(rec.id) as Existing | undefined;
  if (!ex) return 'insert';
  const owner = ownerOf(ctx.source);
  // A record is its maker's: another kiosk, or another phone, may not revise it (phones' records made before
  // device ids were kept have none and stay open to the phone route, as before).
  const phoneMismatch = owner.device_id !== null && ex.device_id !== null && ex.device_id !== owner.device_id;
  if (ex.kiosk_id !== owner.kiosk_id || phoneMismatch) return reject(rec.id, 'conflict: this id belongs to another device', 'id');
  if (rec.rev < ex.rev) return { id: rec.id, status: 'duplicate' }; // an older step of a survey already superseded
  if (rec.rev === ex.rev) {
    return ex.payload_hash === hash ? { id: rec.id, status: 'duplicate' } : reject(rec.id, 'conflict: same id and revision with a different payload', 'id');
  }
  return 'update';
}

/** When the record counts: device time, unless the device clock is off by more than the site's bound. */
function countedAt(ctx: IngestContext, deviceTime: string, site: Site): { at: number; flags: string[] } {
  const device = Date.parse(deviceTime);
  const bound = site.clockSkewBoundMinutes * 60_000;
  const offset = ctx.clockOffsetMs;
  if ((offset !== undefined && Math.abs(offset) > bound) || device - ctx.now > bound) {
    return { at: ctx.now, flags: ['clock_skew'] };
  }
  return { at: device, flags: [] };
}

/** Channel, token kind and follow-up come from the credential and the verified token, never from the record. */
function decidedByEndpoint(source: Source, check: Extract<CheckResult, { ok: true }>): { channel: 'kiosk' | 'qr'; token_kind: string | null; follow_up: 0 | 1 } {
  if (source.kind === 'kiosk') return { channel: 'kiosk', token_kind: null, follow_up: 0 };
  return { channel: 'qr', token_kind: check.tokenKind ?? null, follow_up: check.followUp === true ? 1 : 0 };
}

/** Why the device itself flagged a rating (e.g. `too_soon_after_thanks`), kept so admins and exports see it. */
function deviceFlags(rec: ResponseRecord): string[] {
  if (!rec.suspect) return [];
  const reason = (rec.suspectReason ?? '').trim();
  return [/^[a-z][a-z0-9_]{0,63}$/.test(reason) ? reason : 'device_flagged'];
}

function storeResponse(ctx: IngestContext, rec: ResponseRecord, site: Site, check: Extract<CheckResult, { ok: true }>): RecordOutcome {
  const hash = payloadHash(rec);
  const cmp = compareExisting(ctx, 'responses', rec, hash);
  if (typeof cmp !== 'string') return cmp;
  const { at, flags } = countedAt(ctx, rec.deviceTime, site);
  const allFlags = [...flags, ...deviceFlags(rec), ...(check.flags ?? [])];
  const parts = localParts(at, site.timeZone);
  const suspect = rec.suspect || check.suspect === true ? 1 : 0;
  const row = {
    id: rec.id, rev: rec.rev, payload_hash: hash, site_id: site.id, window_id: rec.windowId, staff_id: rec.staffId,
    ...ownerOf(ctx.source), ...decidedByEndpoint(ctx.source, check), case_no: check.caseNo ?? null, score: rec.score, scale: rec.scale, reasons: JSON.stringify(rec.reasons),
    comment: rec.comment ?? null, phone: rec.phone ?? null, device_time: rec.deviceTime, received_at: ctx.now,
    counted_at: at, day: parts.day, hour: parts.hour, weekday: parts.weekday, seq: rec.seq, suspect,
    flags: allFlags.join(' '),
  };
  if (cmp === 'insert') {
    stmt(ctx.db, `INSERT INTO responses (id, rev, payload_hash, site_id, window_id, staff_id, kiosk_id, device_id, channel, token_kind, case_no,
      follow_up, score, scale, reasons, comment, phone, device_time, received_at, counted_at, day, hour, weekday, seq, suspect, flags)
      VALUES (@id, @rev, @payload_hash, @site_id, @window_id, @staff_id, @kiosk_id, @device_id, @channel, @token_kind, @case_no,
      @follow_up, @score, @scale, @reasons, @comment, @phone, @device_time, @received_at, @counted_at, @day, @hour, @weekday, @seq, @suspect, @flags)`).run(row);
  } else {
    // A later survey step: the rating, reasons, comment and phone may change; when it was received stays.
    stmt(ctx.db, `UPDATE responses SET rev = @rev, payload_hash = @payload_hash, staff_id = @staff_id, score = @score,
      reasons = @reasons, comment = @comment, phone = @phone, suspect = max(suspect, @suspect),
      flags = CASE WHEN @suspect = 1 AND suspect = 0 THEN trim(flags || ' ' || @flags) ELSE flags END WHERE id = @id`).run(row);
  }
  return { id: rec.id, status: 'stored' };
}

function storeSuggestion(ctx: IngestContext, rec: SuggestionRecord, site: Site): RecordOutcome {
  const hash = payloadHash(rec);
  const cmp = compareExisting(ctx, 'suggestions', rec, hash);
  if (typeof cmp !== 'string') return cmp;
  const { at, flags } = countedAt(ctx, rec.deviceTime, site);
  const row = {
    id: rec.id, rev: rec.rev, payload_hash: hash, site_id: site.id, window_id: rec.windowId, staff_id: rec.staffId,
    ...ownerOf(ctx.source), channel: decidedByEndpoint(ctx.source, { ok: true }).channel, category: rec.category,
    text: rec.text, contact: rec.contact ?? null, device_time: rec.deviceTime, received_at: ctx.now, counted_at: at,
    day: localParts(at, site.timeZone).day, seq: rec.seq, flags: flags.join(' '),
  };
  if (cmp === 'insert') {
    stmt(ctx.db, `INSERT INTO suggestions (id, rev, payload_hash, site_id, window_id, staff_id, kiosk_id, device_id, channel, category, text, contact,
      device_time, received_at, counted_at, day, seq, flags) VALUES (@id, @rev, @payload_hash, @site_id, @window_id, @staff_id, @kiosk_id, @device_id,
      @channel, @category, @text, @contact, @device_time, @received_at, @counted_at, @day, @seq, @flags)`).run(row);
  } else {
    stmt(ctx.db, 'UPDATE suggestions SET rev = @rev, payload_hash = @payload_hash, category = @category, text = @text, contact = @contact WHERE id = @id').run(row);
  }
  return { id: rec.id, status: 'stored' };
}
