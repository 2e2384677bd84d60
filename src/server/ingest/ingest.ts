/**
 * Stores a sync batch: every record validated on its own, stored by its client id, the whole batch in one
 * unit of work so the answer is only sent for what committed.
 *
 * Hooks: `hooks[i](t, event)` runs inside that unit after the batch's rows are written, once per stored row
 * (`kind: 'insert'` for a new record, `'update'` for a later survey step with `previous` as it was). Whatever
 * it writes through `t` (a case, an outbox entry) commits or rolls back with the record itself. A hook that
 * must read something for every row gives a `prepare` instead: it reads for the whole batch in one query and
 * returns the per-row function (a round trip per row is what made PostgreSQL ingest slow).
 */
import { hash as digest } from 'node:crypto';
import * as v from 'valibot';
import type { ConfigIndex } from '../config/load';
import type { IngestWrite, ResponseRow, Store, SuggestionRow, Unit } from '../store';
import { SyncRecordSchema, firstIssue, type RejectionCode, type RecordOutcome, type ResponseRecord, type SuggestionRecord, type SyncRecord } from '../../shared/wire';
import type { Site } from '../../shared/config';
import { cachedLocalParts } from './local-parts';
import { canonicalResponse, fastResponse } from './fast-parse';
import { UUID_V7_RE } from '../../shared/ids';
import { isBad, type Score } from '../../shared/scale';
import { mergeResponse, mergeSuggestion, outcomeAgainst, reject, type Owner, type Stored } from './compare';
import { retentionCutoff } from '../retention';
import { maskPhonesInText } from '../../shared/contact';

/** Who sent the batch: an enrolled kiosk, or a phone that carries a signed QR token per record. */
export type Source =
  /** `windows`: the kiosk's window and those it showed before a Move; a kiosk rates no other window. */
  | { kind: 'kiosk'; kioskId: string; siteId: string; windows: readonly string[] }
  | { kind: 'qr'; deviceId: string };

/** One row a batch stored, as its hooks see it. */
export type StoredEvent =
  | { table: 'responses'; kind: 'insert' | 'update'; row: ResponseRow; previous: ResponseRow | null }
  | { table: 'suggestions'; kind: 'insert' | 'update'; row: SuggestionRow; previous: SuggestionRow | null };

/** Runs in the batch's unit of work for each stored row. */
export type RowHook = (t: Unit, e: StoredEvent) => Promise<void>;

/** Reads what its rows need once for the whole batch, then runs per row like a `RowHook`. */
export interface BatchHook { prepare(t: Unit, events: readonly StoredEvent[]): Promise<RowHook> }

export type IngestHook = RowHook | BatchHook;

export interface IngestContext {
  store: Store;
  config: ConfigIndex;
  now: number;
  source: Source;
  /** Device clock minus endpoint clock, as the device estimated it. */
  clockOffsetMs?: number | undefined;
  /** Extra checks per record (QR tokens, case rules), inside the unit; return a rejection or extra columns. */
  check?: (t: Unit, record: SyncRecord, site: Site) => Promise<CheckResult>;
  hooks?: readonly IngestHook[] | undefined;
  /** Runs last in the batch's unit (the kiosk's last-seen time), so it commits with the batch instead of on its own. */
  finally?: ((t: Unit) => Promise<void>) | undefined;
}

export type CheckResult =
  | { ok: true; tokenKind?: string | null; caseNo?: string | null; suspect?: boolean; flags?: string[]; followUp?: boolean }
  | { ok: false; code: RejectionCode; reason: string; field: string };

/**
 * Canonical hash of a record's content: same id + same rev + different hash is a conflict. The text hashed is
 * `JSON.stringify(r, sortedKeys)`, as it always was (stored hashes must still match a record sent again).
 */
export function payloadHash(r: SyncRecord): string {
  return hashOf(canonicalJson(r as unknown as Record<string, unknown>));
}

/** The payload hash of a record's canonical text. */
const hashOf = (canonical: string) => digest('sha256', canonical).slice(0, 32); // one-shot: no Hash object per record

const nested = (x: unknown) => typeof x === 'object' && x !== null && (!Array.isArray(x) || x.some((y) => typeof y === 'object' && y !== null));

/**
 * `JSON.stringify(r, Object.keys(r).sort())`, built as a copy with its keys in order and stringified plainly (the
 * key-list replacer is V8's slow path); a value holding objects, which that key list would filter, takes the original.
 */
function canonicalJson(r: Record<string, unknown>): string {
  const keys = Object.keys(r).sort();
  const sorted: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === '__proto__' || nested(r[k])) return JSON.stringify(r, keys); // a copy would not keep that key as data
    sorted[k] = r[k];
  }
  return JSON.stringify(sorted);
}

/** What the batch will write; an id seen twice in one batch updates its pending insert in place. */
interface Plan {
  write: IngestWrite;
  responses: Map<string, ResponseRow>;
  suggestions: Map<string, SuggestionRow>;
  pendingR: Map<string, number>;
  pendingS: Map<string, number>;
}

const idOf = (raw: unknown): unknown => (typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined);

/** Ingests one batch; returns one outcome per input record, in order. */
export async function ingestBatch(ctx: IngestContext, records: readonly unknown[]): Promise<RecordOutcome[]> {
  const ids = storedIds(records);
  return ctx.store.tx(async (t) => {
    const [responses, suggestions] = await Promise.all([t.ingest.findResponses([...ids.response], true), t.ingest.findSuggestions([...ids.suggestion], true)]);
    const plan: Plan = {
      write: { responses: { insert: [], update: [] }, suggestions: { insert: [], update: [] } },
      responses, suggestions, pendingR: new Map(), pendingS: new Map(),
    };
    const out: RecordOutcome[] = [];
    for (const raw of records) {
      const o = ingestOne(ctx, t, plan, raw);
      out.push(o instanceof Promise ? await o : o); // a turn of the event loop only when a check had to read
    }
    const { skipped } = await t.ingest.write(plan.write);
    if (skipped.size > 0) await settleRaces(ctx, t, records, out, skipped);
    const hooks = ctx.hooks ?? [];
    if (hooks.length > 0) {
      const stored = [...events(plan.write, skipped)];
      const perRow: RowHook[] = [];
      for (const h of hooks) perRow.push(typeof h === 'function' ? h : await h.prepare(t, stored));
      for (const e of stored) for (const h of perRow) await h(t, e);
    }
    if (ctx.finally) await ctx.finally(t);
    return out;
  });
}

/** The well-formed ids of a batch's responses and suggestions, in one pass (each id tested once). */
function storedIds(records: readonly unknown[]): { response: Set<string>; suggestion: Set<string> } {
  const out = { response: new Set<string>(), suggestion: new Set<string>() };
  for (const r of records) {
    const type = (r as { type?: unknown } | null)?.type;
    if (type !== 'response' && type !== 'suggestion') continue;
    const id = idOf(r);
    if (typeof id === 'string' && UUID_V7_RE.test(id)) out[type].add(id);
  }
  return out;
}

function* events(w: IngestWrite, skipped: Set<string>): Generator<StoredEvent> {
  for (const row of w.responses.insert) if (!skipped.has(row.id)) yield { table: 'responses', kind: 'insert', row, previous: null };
  for (const u of w.responses.update) yield { table: 'responses', kind: 'update', row: u.row, previous: u.previous };
  for (const row of w.suggestions.insert) if (!skipped.has(row.id)) yield { table: 'suggestions', kind: 'insert', row, previous: null };
  for (const row of w.suggestions.update) yield { table: 'suggestions', kind: 'update', row, previous: null };
}

/**
 * Another process stored some of these ids between our read and our insert (PostgreSQL, several endpoints):
 * answer those records against what it stored, and apply a newer revision on top.
 */
async function settleRaces(ctx: IngestContext, t: Unit, records: readonly unknown[], out: RecordOutcome[], skipped: Set<string>): Promise<void> {
  const ids = [...skipped];
  const [responses, suggestions] = await Promise.all([t.ingest.findResponses(ids), t.ingest.findSuggestions(ids)]);
  const again: IngestWrite = { responses: { insert: [], update: [] }, suggestions: { insert: [], update: [] } };
  records.forEach((raw, i) => {
    const parsed = v.safeParse(SyncRecordSchema, raw);
    if (!parsed.success || !skipped.has(parsed.output.id) || out[i]!.status !== 'stored') return;
    const rec = parsed.output;
    const hash = payloadHash(rec);
    const ex = rec.type === 'response' ? responses.get(rec.id) : suggestions.get(rec.id);
    if (!ex) throw new Error(`ingest: ${rec.id} was neither inserted nor found`);
    const verdict = outcomeAgainst(ex, rec, hash, ownerOf(ctx.source));
    if (verdict !== 'update') {
      out[i] = verdict;
      return;
    }
    if (rec.type === 'response' && 'score' in ex) {
      const merged = mergeResponse(ex, { ...ex, rev: rec.rev, payload_hash: hash, staff_id: rec.staffId, score: rec.score, reasons: JSON.stringify(rec.reasons), comment: rec.comment ?? null, phone: rec.phone ?? null, suspect: rec.suspect ? 1 : 0 });
      again.responses.update.push({ row: merged, previous: ex });
    } else if (rec.type === 'suggestion' && 'category' in ex) {
      again.suggestions.update.push(mergeSuggestion(ex, { ...ex, rev: rec.rev, payload_hash: hash, category: rec.category, text: rec.text, contact: rec.contact ?? null }));
    }
  });
  await t.ingest.write(again);
}

/** The sender as stored with a record: a kiosk by its id, a phone by the device id it sends with every batch. */
const owners = new WeakMap<Source, Owner>();
const ownerOf = (source: Source): Owner => {
  let o = owners.get(source); // once per batch, not per record
  if (!o) owners.set(source, (o = source.kind === 'kiosk' ? { kiosk_id: source.kioskId, device_id: null } : { kiosk_id: null, device_id: source.deviceId }));
  return o;
};

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

const reasonSets = new WeakMap<Site, ReadonlySet<string>>();
/** The hall's reason codes, as a set made once per loaded config rather than once per record. */
function reasonCodes(site: Site): ReadonlySet<string> {
  let codes = reasonSets.get(site);
  if (!codes) reasonSets.set(site, (codes = new Set(site.reasons.map((r) => r.code))));
  return codes;
}

/** One record's outcome; a promise only when `ctx.check` runs (a kiosk's batch is planned without a turn per record). */
function ingestOne(ctx: IngestContext, t: Unit, plan: Plan, raw: unknown): RecordOutcome | Promise<RecordOutcome> {
  const quick = fastResponse(raw); // the common rating; anything else, and every refusal, through the schema
  const parsed = quick ? { success: true as const, output: quick } : v.safeParse(SyncRecordSchema, raw);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.issues);
    return reject(idOf(raw), 'invalid', `invalid ${field || 'record'}: ${message}`, field || undefined);
  }
  const rec = parsed.output;
  const win = ctx.config.windows.get(rec.windowId);
  if (!win) return reject(rec.id, 'unknown_window', `unknown window "${rec.windowId}"`, 'windowId');
  const site = ctx.config.sites.get(win.siteId);
  if (!site) return reject(rec.id, 'unknown_site', `unknown site of window "${rec.windowId}"`, 'windowId');
  if (ctx.source.kind === 'kiosk' && !ctx.source.windows.includes(rec.windowId)) {
    return ctx.source.siteId !== site.id
      ? reject(rec.id, 'wrong_site', `window "${rec.windowId}" belongs to another site`, 'windowId')
      : reject(rec.id, 'wrong_window', `window "${rec.windowId}" is not this kiosk's window`, 'windowId');
  }
  if (rec.staffId !== null && ctx.config.staff.get(rec.staffId)?.siteId !== site.id) {
    return reject(rec.id, 'unknown_staff', `unknown staff "${rec.staffId}"`, 'staffId');
  }
  if (rec.type === 'response') {
    const codes = reasonCodes(site);
    const bad = rec.reasons.findIndex((c) => !codes.has(c));
    if (bad >= 0) return reject(rec.id, 'unknown_reason', `unknown reason "${rec.reasons[bad]}"`, `reasons.${bad}`);
    // Reasons and a call-back number belong to a bad review (SPEC); a good rating carrying them did not come from the survey.
    if (!isBad(rec.score as Score)) {
      if (rec.reasons.length > 0) return reject(rec.id, 'invalid', 'invalid reasons: given with a bad rating (1 or 2) only', 'reasons');
      if (rec.phone !== undefined) return reject(rec.id, 'invalid', 'invalid phone: a call-back number is given with a bad rating (1 or 2) only', 'phone');
    }
  }
  const planAfter = (check: CheckResult): RecordOutcome => {
    if (!check.ok) return reject(rec.id, check.code, check.reason, check.field);
    return rec.type === 'response' ? planResponse(ctx, plan, rec, site, check, quick === rec ? hashOf(canonicalResponse(quick)) : payloadHash(rec)) : planSuggestion(ctx, plan, rec, site, check);
  };
  return ctx.check ? ctx.check(t, rec, site).then(planAfter) : planAfter({ ok: true });
}

const NO_FLAGS: readonly string[] = Object.freeze([]);

/** When the record counts: device time, unless the device clock is off by more than the site's bound. */
function countedAt(ctx: IngestContext, deviceTime: string, site: Site): { at: number; flags: readonly string[] } {
  const device = Date.parse(deviceTime);
  const bound = site.clockSkewBoundMinutes * 60_000;
  const offset = ctx.clockOffsetMs;
  if ((offset !== undefined && Math.abs(offset) > bound) || device - ctx.now > bound) {
    return { at: ctx.now, flags: ['clock_skew'] };
  }
  return { at: device, flags: NO_FLAGS };
}

/**
 * How long after a phone's rating first reached the endpoint the phone may still change its score (改选评价 is
 * offered on the survey's later steps only). A kiosk is an enrolled device whose queue may hold a step for hours
 * offline; a phone is anyone holding the record's id and device id, so past this its score stands (a later step's
 * reasons, comment and phone are still taken when the score is the one stored).
 */
export const PHONE_RESCORE_MS = 30 * 60_000;

function planResponse(ctx: IngestContext, plan: Plan, rec: ResponseRecord, site: Site, check: Extract<CheckResult, { ok: true }>, hash: string): RecordOutcome {
  const existing: Stored | undefined = plan.responses.get(rec.id);
  const verdict = existing ? outcomeAgainst(existing, rec, hash, ownerOf(ctx.source)) : 'insert';
  if (typeof verdict !== 'string') return verdict;
  if (verdict === 'update' && ctx.source.kind === 'qr') {
    const stored = existing as ResponseRow;
    if (rec.score !== stored.score && ctx.now - stored.received_at > PHONE_RESCORE_MS) {
      return reject(rec.id, 'rating_change_too_late', `invalid score: a phone may change its rating within ${PHONE_RESCORE_MS / 60_000} minutes of sending it`, 'score');
    }
  }
  const { at, flags } = countedAt(ctx, rec.deviceTime, site);
  const parts = cachedLocalParts(at, site.timeZone);
  const owner = ownerOf(ctx.source);
  const decided = decidedByEndpoint(ctx.source, check);
  // Written out rather than spread (same columns, same order): a row per record without the spreads' copies.
  const row: ResponseRow = {
    id: rec.id, rev: rec.rev, payload_hash: hash, site_id: site.id, window_id: rec.windowId, staff_id: rec.staffId,
    kiosk_id: owner.kiosk_id, device_id: owner.device_id, channel: decided.channel, token_kind: decided.token_kind, follow_up: decided.follow_up,
    case_no: check.caseNo ?? null, score: rec.score, scale: rec.scale, reasons: rec.reasons.length === 0 ? '[]' : JSON.stringify(rec.reasons),
    comment: rec.comment ?? null, phone: rec.phone ?? null, device_time: rec.deviceTime, received_at: ctx.now,
    counted_at: at, day: parts.day, hour: parts.hour, weekday: parts.weekday, seq: rec.seq,
    suspect: rec.suspect || check.suspect === true ? 1 : 0,
    flags: flags.length === 0 && !rec.suspect && check.flags === undefined ? '' : [...flags, ...deviceFlags(rec), ...(check.flags ?? [])].join(' '),
  };
  const w = plan.write.responses;
  if (verdict === 'insert') {
    plan.pendingR.set(rec.id, w.insert.push(row) - 1);
    plan.responses.set(rec.id, row);
  } else {
    const previous = existing as ResponseRow;
    const step = mergeResponse(previous, row);
    // A later step of a record first received before its hall's retention cut-off: its personal data goes as the
    // purge's already did (the purge masks words by when a record was first received and would not look again).
    const merged = previous.received_at < retentionCutoff(site, ctx.now) ? { ...step, phone: null, comment: step.comment === null ? null : maskPhonesInText(step.comment) } : step;
    const pending = plan.pendingR.get(rec.id);
    if (pending !== undefined) w.insert[pending] = merged; // a newer step of a record this batch inserts
    else w.update.push({ row: merged, previous });
    plan.responses.set(rec.id, merged);
  }
  return { id: rec.id, status: 'stored' };
}

function planSuggestion(ctx: IngestContext, plan: Plan, rec: SuggestionRecord, site: Site, check: Extract<CheckResult, { ok: true }>): RecordOutcome {
  const hash = payloadHash(rec);
  const existing: Stored | undefined = plan.suggestions.get(rec.id);
  const verdict = existing ? outcomeAgainst(existing, rec, hash, ownerOf(ctx.source)) : 'insert';
  if (typeof verdict !== 'string') return verdict;
  const { at, flags } = countedAt(ctx, rec.deviceTime, site);
  const row: SuggestionRow = {
    id: rec.id, rev: rec.rev, payload_hash: hash, site_id: site.id, window_id: rec.windowId, staff_id: rec.staffId,
    ...ownerOf(ctx.source), channel: decidedByEndpoint(ctx.source, { ok: true }).channel, category: rec.category, text: rec.text, contact: rec.contact ?? null,
    device_time: rec.deviceTime, received_at: ctx.now, counted_at: at, day: cachedLocalParts(at, site.timeZone).day, seq: rec.seq,
    // A suggestion has no suspect column: the misuse rules' reasons (qr_…) are its flags.
    flags: [...flags, ...(check.flags ?? [])].join(' '),
  };
  const w = plan.write.suggestions;
  if (verdict === 'insert') {
    plan.pendingS.set(rec.id, w.insert.push(row) - 1);
    plan.suggestions.set(rec.id, row);
  } else {
    const step = mergeSuggestion(existing as SuggestionRow, row);
    const merged = (existing as SuggestionRow).received_at < retentionCutoff(site, ctx.now) ? { ...step, contact: null, text: maskPhonesInText(step.text) } : step;
    const pending = plan.pendingS.get(rec.id);
    if (pending !== undefined) w.insert[pending] = merged;
    else w.update.push(merged);
    plan.suggestions.set(rec.id, merged);
  }
  return { id: rec.id, status: 'stored' };
}
