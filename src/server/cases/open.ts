/**
 * Opens follow-up cases inside the ingest unit of work, so a case commits with the record it follows.
 * Exactly one case per record: the source record is the case's unique key, so a batch sent again or a
 * later survey step (higher revision) finds the case it already opened.
 *
 * A later revision that lifts the score out of the bad range (≤ 2 → ≥ 3) does not close or delete the
 * case: the case stays open with the new score, and its timeline records "revised" with both scores, so a
 * supervisor decides (usually 核实 unfounded, then answer and close). A revision that adds a phone number
 * makes the call-back required and sets its deadline; one that removes it leaves the call-back as it was.
 */
import { createHash } from 'node:crypto';
import type { ConfigIndex } from '../config/load';
import type { ResponseRow, SuggestionRow, Unit } from '../store';
import type { FollowupCaseRow } from '../store/cases';
import type { IngestHook, StoredEvent } from '../ingest/ingest';
import { deadlineAfter } from '../../shared/cases/calendar';
import { normalizeTrackingCode } from '../../shared/cases/tracking';
import { localParts } from '../../shared/time';
import type { Site } from '../../shared/config';
import { caseEvent, nextDueAt } from './record';

export const BAD_SCORE = 2;

/** sha256 (hex) of a normalised tracking code: the endpoint never keeps the code itself. */
export function trackHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** `DEMO-2026-11-0042`: the hall's prefix, the site-local month of receipt and a serial of that month. */
export async function caseNumber(t: Unit, site: Site, at: number): Promise<string> {
  const month = localParts(at, site.timeZone).day.slice(0, 7);
  const n = await t.cases.nextSerial(site.id, month);
  const prefix = site.followUp.caseNumberPrefix ?? site.id.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return `${prefix}-${month}-${String(n).padStart(4, '0')}`;
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
  const fu = o.site.followUp;
  const category = o.category ?? (o.reasons.some((r) => fu.majorReasons.includes(r)) ? 'major' : 'general');
  const receivedAt = o.source.received_at;
  const needsCallback = o.phone !== null && o.phone !== '';
  const callbackDue = needsCallback ? deadlineAfter(receivedAt, fu.callbackDays, fu.calendar, o.site.timeZone).at : null;
  const due = deadlineAfter(receivedAt, category === 'major' ? fu.majorDays : fu.generalDays, fu.calendar, o.site.timeZone).at;
  const code = o.trackingCode ? normalizeTrackingCode(o.trackingCode) : null;
  const row: FollowupCaseRow = {
    number: await caseNumber(t, o.site, receivedAt),
    site_id: o.site.id, window_id: o.source.window_id, staff_id: o.source.staff_id,
    kind: o.kind, source_kind: o.sourceKind, source_id: o.source.id, category, state: 'new', assignee: null,
    needs_callback: needsCallback ? 1 : 0, founded: null, call_attempts: 0, call_outcome: null, appeal: 'none', score: o.score,
    opened_at: o.now, callback_due_at: callbackDue, due_at: due, next_due_at: null,
    verified_at: null, called_back_at: null, rectified_at: null, answered_at: null, closed_at: null,
    answer: null, track_hash: code ? trackHash(code) : null, qr_case_no: null,
  };
  row.next_due_at = nextDueAt(row);
  if (!(await t.cases.insert(row))) {
    const raced = await t.cases.bySource(o.sourceKind, o.source.id);
    if (!raced) throw new Error(`cases: insert of ${row.number} skipped but no case follows ${o.source.id}`);
    return { opened: false, row: raced };
  }
  await caseEvent(t, row, { actor: o.actor, action: 'opened', from: 'new', to: 'new', note: null, detail: { kind: o.kind, category }, at: o.now });
  return { opened: true, row };
}

/** A later revision of a record that already has a case: keep the case, record what changed. */
async function revise(t: Unit, site: Site, row: FollowupCaseRow, score: number | null, phone: string | null, trackingCode: string | null, now: number): Promise<void> {
  const patch: Partial<FollowupCaseRow> = {};
  const detail: Record<string, unknown> = {};
  const code = trackingCode ? normalizeTrackingCode(trackingCode) : null;
  if (code && row.track_hash === null) { patch.track_hash = trackHash(code); detail.trackingCode = true; }
  if (score !== row.score) { patch.score = score; detail.score = { from: row.score, to: score }; }
  if (phone && row.needs_callback === 0 && row.state !== 'closed') {
    patch.needs_callback = 1;
    patch.callback_due_at = deadlineAfter(now, site.followUp.callbackDays, site.followUp.calendar, site.timeZone).at;
    detail.phoneAdded = true;
  }
  if (Object.keys(patch).length === 0) return;
  const next = { ...row, ...patch };
  patch.next_due_at = nextDueAt(next);
  await t.cases.update(row.number, patch);
  await caseEvent(t, { ...next, ...patch }, { actor: 'system', action: 'revised', from: row.state, to: row.state, note: null, detail, at: now });
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

/** The ingest hook: a bad review or a complaint opens its case; a later revision updates it. */
export function caseOpeningHook(config: ConfigIndex, now: () => number, codes: (recordId: string) => string | null): IngestHook {
  return async (t: Unit, e: StoredEvent) => {
    const site = config.sites.get(e.row.site_id);
    if (!site) return;
    const at = now();
    if (e.table === 'responses') {
      const r = e.row;
      if (r.follow_up === 1) return; // a 二次评价 belongs to its case, it does not open one
      const existing = await t.cases.bySource('response', r.id);
      if (existing) return revise(t, site, existing, r.score, r.phone, codes(r.id), at);
      if (r.score > BAD_SCORE) return;
      await openCase(t, { site, kind: 'bad_review', sourceKind: 'response', source: r, score: r.score, reasons: JSON.parse(r.reasons) as string[], phone: r.phone, trackingCode: codes(r.id), actor: 'system', now: at });
      return;
    }
    const s = e.row;
    const existing = await t.cases.bySource('suggestion', s.id);
    if (existing) return revise(t, site, existing, null, s.contact, codes(s.id), at);
    if (s.category !== 'complaint') return;
    await openCase(t, { site, kind: 'complaint', sourceKind: 'suggestion', source: s, score: null, reasons: [], phone: s.contact, trackingCode: codes(s.id), actor: 'system', now: at });
  };
}

/** The hooks of one sync batch: the case opener (with the batch's tracking codes), then the app's own. */
export function batchHooks(deps: { config: ConfigIndex; now: () => number; ingestHooks?: readonly IngestHook[] | undefined }, records: readonly unknown[]): IngestHook[] {
  return [caseOpeningHook(deps.config, deps.now, trackingCodesOf(records)), ...(deps.ingestHooks ?? [])];
}
