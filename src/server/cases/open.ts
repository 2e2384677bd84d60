/**
 * Opens follow-up cases inside the ingest unit of work, so a case commits with the record it follows.
 * Exactly one case per record: the source record is the case's unique key, so a batch sent again or a
 * later survey step (higher revision) finds the case it already opened.
 *
 * A later revision that lifts a bad review's score out of the bad range (≤ 2 → ≥ 3: the citizen changed a
 * mis-tapped rating) withdraws its case while nobody has worked it (state `new`, no step or note by anyone):
 * the case ends as `withdrawn`, with an event naming both scores. Once someone has worked it, the case stays
 * open with the new score and its timeline records "revised", so a supervisor decides. A revision that makes a
 * withdrawn case's score bad again reopens it (back to `new`, deadlines still counted from receipt). A revision
 * that adds a phone number makes the call-back required and sets its deadline; one that removes it leaves the
 * call-back as it was.
 */
import { createHash } from 'node:crypto';
import type { ConfigIndex } from '../config/load';
import type { ResponseRow, SuggestionRow, Unit } from '../store';
import type { FollowupCaseRow } from '../store/cases';
import type { BatchHook, IngestHook, StoredEvent } from '../ingest/ingest';
import { deadlineAfter } from '../../shared/cases/calendar';
import { normalizeTrackingCode } from '../../shared/cases/tracking';
import { cachedLocalParts } from '../ingest/local-parts';
import type { Site } from '../../shared/config';
import { isBad } from '../../shared/scale';
import { caseEvent, caseEvents, nextDueAt } from './record';

export const BAD_SCORE = 2;

/** sha256 (hex) of a normalised tracking code: the endpoint never keeps the code itself. */
export function trackHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** The hall's case number prefix: `DEMO` in DEMO-2026-11-0042. */
const prefixOf = (site: Site) => site.followUp.caseNumberPrefix ?? site.id.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** `DEMO-2026-11-0042`: the hall's prefix, the site-local month of receipt and a serial of that month (one reservation per site and month). */
async function caseNumbers(t: Unit, wanted: ReadonlyArray<{ site: Site; at: number }>): Promise<string[]> {
  const months = wanted.map((w) => cachedLocalParts(w.at, w.site.timeZone).day.slice(0, 7));
  const blocks = new Map<string, { siteId: string; month: string; count: number; next: number }>();
  wanted.forEach((w, i) => {
    const key = `${w.site.id}/${months[i]}`;
    const b = blocks.get(key) ?? { siteId: w.site.id, month: months[i]!, count: 0, next: 0 };
    b.count++;
    blocks.set(key, b);
  });
  for (const b of blocks.values()) b.next = await t.cases.nextSerial(b.siteId, b.month, b.count);
  return wanted.map((w, i) => {
    const b = blocks.get(`${w.site.id}/${months[i]}`)!;
    return `${prefixOf(w.site)}-${months[i]}-${String(b.next++).padStart(4, '0')}`;
  });
}

export interface OpenInput {
  site: Site;
  kind: FollowupCaseRow['kind'];
  sourceKind: 'response' | 'suggestion';
  source: ResponseRow | SuggestionRow;
  score: number | null;
  reasons: readonly string[];
  phone: string | null;
  trackingCode: string | null;
  category?: 'general' | 'major' | undefined;
  actor: string;
  now: number;
}

/** Opens a case for a record unless one follows it already; returns the case either way. */
export async function openCase(t: Unit, o: OpenInput): Promise<{ opened: boolean; row: FollowupCaseRow }> {
  const existing = await t.cases.bySource(o.sourceKind, o.source.id);
  if (existing) return { opened: false, row: existing };
  return (await openCases(t, [o]))[0]!;
}

/**
 * Opens a case for each record the caller found without one, numbered in the given order; a case stored
 * meanwhile by another writer wins: returned, not opened.
 */
async function openCases(t: Unit, inputs: readonly OpenInput[]): Promise<Array<{ opened: boolean; row: FollowupCaseRow }>> {
  const numbers = await caseNumbers(t, inputs.map((o) => ({ site: o.site, at: o.source.received_at })));
  const deadlines = deadlineMemo();
  const rows = inputs.map((o, i) => caseRow(o, numbers[i]!, deadlines));
  const stored = await t.cases.insertMany(rows);
  const out: Array<{ opened: boolean; row: FollowupCaseRow }> = [];
  for (const [i, row] of rows.entries()) {
    if (stored.has(row.number)) {
      out.push({ opened: true, row });
      continue;
    }
    const raced = await t.cases.bySource(inputs[i]!.sourceKind, row.source_id);
    if (!raced) throw new Error(`cases: insert of ${row.number} skipped but no case follows ${row.source_id}`);
    out.push({ opened: false, row: raced });
  }
  await caseEvents(t, out.flatMap(({ opened, row }, i) => (opened
    ? [{ row, e: { actor: inputs[i]!.actor, action: 'opened', from: 'new' as const, to: 'new' as const, note: null, detail: { kind: row.kind, category: row.category }, at: inputs[i]!.now } }]
    : [])));
  return out;
}

type Deadline = (site: Site, receivedAt: number, days: number) => number;

/**
 * `deadlineAfter` remembered per hall, instant and day count for one batch of cases: a sync batch's records
 * share one receipt time, and walking the calendar through Intl was most of the cost of opening a case.
 */
function deadlineMemo(): Deadline {
  const seen = new Map<string, number>();
  return (site, receivedAt, days) => {
    const key = `${site.id}|${receivedAt}|${days}`;
    let at = seen.get(key);
    if (at === undefined) seen.set(key, (at = deadlineAfter(receivedAt, days, site.followUp.calendar, site.timeZone).at));
    return at;
  };
}

/** A new case's row: deadlines from the hall's calendar, counted from when the record was received. */
function caseRow(o: OpenInput, number: string, deadline: Deadline): FollowupCaseRow {
  const fu = o.site.followUp;
  const category = o.category ?? (o.reasons.some((r) => fu.majorReasons.includes(r)) ? 'major' : 'general');
  const receivedAt = o.source.received_at;
  const needsCallback = o.phone !== null && o.phone !== '';
  const callbackDue = needsCallback ? deadline(o.site, receivedAt, fu.callbackDays) : null;
  const due = deadline(o.site, receivedAt, category === 'major' ? fu.majorDays : fu.generalDays);
  const code = o.trackingCode ? normalizeTrackingCode(o.trackingCode) : null;
  const row: FollowupCaseRow = {
    number, site_id: o.site.id, window_id: o.source.window_id, staff_id: o.source.staff_id,
    kind: o.kind, source_kind: o.sourceKind, source_id: o.source.id, category, state: 'new', assignee: null,
    needs_callback: needsCallback ? 1 : 0, founded: null, call_attempts: 0, call_outcome: null, appeal: 'none', score: o.score,
    opened_at: o.now, callback_due_at: callbackDue, due_at: due, next_due_at: null,
    verified_at: null, called_back_at: null, rectified_at: null, answered_at: null, closed_at: null,
    answer: null, track_hash: code ? trackHash(code) : null, qr_case_no: null,
  };
  row.next_due_at = nextDueAt(row);
  return row;
}

const isBadScore = (s: number | null): boolean => s !== null && isBad(s);

/** True while only the endpoint has touched the case: no assignment, step or note by anyone. */
async function unworked(t: Unit, row: FollowupCaseRow): Promise<boolean> {
  if (row.state !== 'new' || row.assignee !== null) return false;
  return (await t.cases.events(row.number)).every((e) => e.actor === 'system');
}

/** What a change of score does to the case: withdraws an unworked bad review lifted to ≥ 3, reopens a withdrawn one made bad again. */
async function scoreTurn(t: Unit, row: FollowupCaseRow, score: number | null): Promise<'withdrawn' | 'reopened' | null> {
  if (row.state === 'withdrawn') return isBadScore(score) ? 'reopened' : null;
  if (row.kind !== 'bad_review' || !isBadScore(row.score) || score === null || isBadScore(score)) return null;
  return (await unworked(t, row)) ? 'withdrawn' : null;
}

/**
 * The category a bad review's reasons give it (one of the hall's `majorReasons`: major), while nobody has classified
 * the case by hand: the case opens at the first tap, before the reasons are given. Null: it stays as it is.
 */
async function categoryByReasons(t: Unit, site: Site, row: FollowupCaseRow, reasons: readonly string[]): Promise<FollowupCaseRow['category'] | null> {
  if (row.kind !== 'bad_review' || row.state === 'closed' || row.state === 'withdrawn') return null;
  const category = reasons.some((r) => site.followUp.majorReasons.includes(r)) ? 'major' : 'general';
  if (category === row.category) return null;
  return (await t.cases.events(row.number)).some((e) => e.action === 'classify') ? null : category;
}

/** A later revision of a record that already has a case: record what changed, withdraw or reopen the case when the score says so. */
async function revise(t: Unit, site: Site, found: FollowupCaseRow, score: number | null, reasons: readonly string[], phone: string | null, trackingCode: string | null, now: number): Promise<void> {
  // The case as it stands, held while this revision is written: a supervisor's step at the same moment waits for it.
  const row = (await t.cases.byNumberForStep(found.number)) ?? found;
  const patch: Partial<FollowupCaseRow> = {};
  const detail: Record<string, unknown> = {};
  const category = await categoryByReasons(t, site, row, reasons);
  if (category) {
    // Deadlines count from the opening, as a supervisor's 定性 counts them.
    const fu = site.followUp;
    patch.category = category;
    patch.due_at = deadlineAfter(row.opened_at, category === 'major' ? fu.majorDays : fu.generalDays, fu.calendar, site.timeZone).at;
    detail.category = category;
  }
  const code = trackingCode ? normalizeTrackingCode(trackingCode) : null;
  if (code && row.track_hash === null) { patch.track_hash = trackHash(code); detail.trackingCode = true; }
  const turn = score !== row.score ? await scoreTurn(t, row, score) : null;
  if (score !== row.score) { patch.score = score; detail.score = { from: row.score, to: score }; }
  if (turn === 'withdrawn') { patch.state = 'withdrawn'; patch.closed_at = now; }
  if (turn === 'reopened') { patch.state = 'new'; patch.closed_at = null; }
  const state = patch.state ?? row.state;
  if (phone && row.needs_callback === 0 && state !== 'closed' && state !== 'withdrawn') {
    patch.needs_callback = 1;
    patch.callback_due_at = deadlineAfter(now, site.followUp.callbackDays, site.followUp.calendar, site.timeZone).at;
    detail.phoneAdded = true;
  }
  if (Object.keys(patch).length === 0) return;
  const next = { ...row, ...patch };
  patch.next_due_at = nextDueAt(next);
  await t.cases.update(row.number, patch);
  await caseEvent(t, { ...next, ...patch }, { actor: 'system', action: turn ?? 'revised', from: row.state, to: state, note: null, detail, at: now });
}

/** The tracking codes the records of a raw batch carry, by record id (only stored records reach the hook). */
export function trackingCodesOf(records: readonly unknown[]): (id: string) => string | null {
  const out = new Map<string, string>();
  for (const r of records) {
    if (typeof r !== 'object' || r === null) continue;
    const { id, trackingCode } = r as { id?: unknown; trackingCode?: unknown };
    if (typeof id === 'string' && typeof trackingCode === 'string') out.set(id, trackingCode);
  }
  return (id) => out.get(id) ?? null;
}

/**
 * The ingest hook: a bad review or a complaint opens its case; a later revision updates it. The batch's cases
 * are read in one query per table and the new ones opened together before the rows' turn; a record met again
 * in the same batch (two survey steps) is looked up afresh, since its first step may have opened or revised one.
 */
export function caseOpeningHook(config: ConfigIndex, now: () => number, codes: (recordId: string) => string | null): BatchHook {
  return {
    prepare: async (t, events) => {
      // A row the batch inserted was new to the store, and a case only ever follows a stored record: only the rows
      // it revised can have one already (a lookup of every id cost as much as the cases themselves).
      const ids = (table: StoredEvent['table']) => [...new Set(events.filter((e) => e.table === table && e.kind !== 'insert').map((e) => e.row.id))];
      const known = { responses: await t.cases.bySources('response', ids('responses')), suggestions: await t.cases.bySources('suggestion', ids('suggestions')) };
      const at = now();
      const first = new Set<StoredEvent>();
      const met = new Set<string>();
      for (const e of events) {
        const key = `${e.table}:${e.row.id}`;
        if (!met.has(key)) first.add(e);
        met.add(key);
      }
      const opening: OpenInput[] = [];
      for (const e of first) {
        const site = config.sites.get(e.row.site_id);
        const o = site && !known[e.table].has(e.row.id) ? openingOf(site, e, codes, at) : null;
        if (o) opening.push(o);
      }
      const opened = new Set((await openCases(t, opening)).map((x) => x.row.source_id));
      return async (t: Unit, e: StoredEvent) => {
        const site = config.sites.get(e.row.site_id);
        if (!site || (e.table === 'responses' && e.row.follow_up === 1)) return; // a 二次评价 belongs to its case, it does not open one
        if (first.has(e) && opened.has(e.row.id)) return;
        const existing = first.has(e) ? known[e.table].get(e.row.id) : await t.cases.bySource(e.table === 'responses' ? 'response' : 'suggestion', e.row.id);
        if (existing) {
          if (e.table === 'responses') return revise(t, site, existing, e.row.score, JSON.parse(e.row.reasons) as string[], e.row.phone, codes(e.row.id), now());
          return revise(t, site, existing, null, [], e.row.contact, codes(e.row.id), now());
        }
        const o = openingOf(site, e, codes, now());
        if (o) await openCases(t, [o]);
      };
    },
  };
}

/** The misuse rules' reasons among a row's flags (src/shared/qr-burst.ts). */
const QR_MISUSE = /(^| )qr_/;

/**
 * The case a stored row opens when none follows it yet: a bad rating (not a 二次评价) or a complaint; else null. A phone's
 * record the misuse rules found suspect opens none: it is stored and shown to admins, but one script's hundred
 * complaints must not fill the follow-up list and the alert channels. A kiosk's suspect rating still opens its case
 * (a second citizen may rate soon after the first).
 */
function openingOf(site: Site, e: StoredEvent, codes: (recordId: string) => string | null, at: number): OpenInput | null {
  if (e.table === 'responses') {
    const r = e.row;
    if (r.follow_up === 1 || r.score > BAD_SCORE || (r.channel === 'qr' && r.suspect === 1)) return null;
    return { site, kind: 'bad_review', sourceKind: 'response', source: r, score: r.score, reasons: JSON.parse(r.reasons) as string[], phone: r.phone, trackingCode: codes(r.id), actor: 'system', now: at };
  }
  const s = e.row;
  if (s.category !== 'complaint' || (s.channel === 'qr' && QR_MISUSE.test(s.flags))) return null;
  return { site, kind: 'complaint', sourceKind: 'suggestion', source: s, score: null, reasons: [], phone: s.contact, trackingCode: codes(s.id), actor: 'system', now: at };
}

/** The hooks of one sync batch: the case opener (with the batch's tracking codes), then the app's own. */
export function batchHooks(deps: { config: ConfigIndex; now: () => number; ingestHooks?: readonly IngestHook[] | undefined }, records: readonly unknown[]): IngestHook[] {
  return [caseOpeningHook(deps.config, deps.now, trackingCodesOf(records)), ...(deps.ingestHooks ?? [])];
}
