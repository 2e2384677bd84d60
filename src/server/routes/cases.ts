/** /api/v1/cases: the follow-up list, the case page, its steps, the audited phone reveal, promotion, 二次评价 QR. */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../http/context';
import { requireUser, visibleSites, clientAddress } from '../http/guards';
import { fail, readJson } from '../http/errors';
import { audit } from '../audit';
import { retentionCutoff } from '../retention';
import { userByName } from '../auth/users';
import type { FollowupCaseRow } from '../store/cases';
import { CaseCommandSchema, CaseListQuerySchema, PromoteSchema, type CaseList } from '../../shared/cases/wire';
import type { Assignees } from '../../shared/api';
import { firstIssue } from '../../shared/wire';
import { addDays, siteDay } from '../../shared/time';
import { startOfLocalDay } from '../../shared/cases/calendar';
import { appellant, assigneeRefusal, canReveal, canSee, canStep, type Reader } from '../cases/access';
import { applyStep } from '../cases/record';
import { openCase } from '../cases/open';
import { caseDetail, caseSummary, sourceView } from '../cases/view';
import { issueCaseToken, registerCase } from '../qr/issue';
import { qrSvg } from '../qr/svg';
import { reasonLabel } from '../stats/labels';
import { phonesInText } from '../../shared/contact';

/** Parses a body against a schema; a failure is a 400 naming the field. */
export function parseBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const r = v.safeParse(schema, body);
  if (!r.success) {
    const { field, message } = firstIssue(r.issues);
    throw fail(400, 'invalid', `${field || 'body'}: ${message}`, field || undefined);
  }
  return r.output;
}

const reader = (c: Context<AppEnv>): Reader => c.get('session').user;

export function caseRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const anyUser = requireUser(deps, ['admin', 'supervisor', 'staff']);
  const supervisor = requireUser(deps, ['admin', 'supervisor']);

  /** The case if the reader may see it; 404 otherwise (a case of another hall does not exist for them). */
  const load = async (c: Context<AppEnv>): Promise<FollowupCaseRow> => {
    const row = await deps.store.cases.byNumber(c.req.param('number') ?? '');
    if (!row || !canSee(reader(c), row)) throw fail(404, 'unknown_case', `no case "${c.req.param('number')}"`);
    return row;
  };

  // Accepts: any signed-in user. Supervisors: their halls; staff: their own cases; admin: all. Sorted by deadline.
  app.get('/cases', anyUser, async (c) => {
    const u = reader(c);
    // An empty parameter (`?state=`) means no filter.
    const q = parseBody(CaseListQuerySchema, Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')));
    const sites = visibleSites(deps, u);
    const siteIds = q.site ? (sites.includes(q.site) ? [q.site] : null) : sites;
    if (!siteIds) throw fail(403, 'forbidden_site', `no access to site "${q.site}"`, 'site');
    const tz = deps.config.sites.get(siteIds[0] ?? '')?.timeZone ?? 'Asia/Shanghai';
    const now = deps.now();
    // The schema bounds both days, so the zone arithmetic below never meets year 0500.
    const range = (day: string | undefined, end: boolean): number | null => (day ? startOfLocalDay(end ? addDays(day, 1) : day, tz) : null);
    const offset = q.cursor ? Number(q.cursor) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw fail(400, 'invalid', 'cursor must come from nextCursor', 'cursor');
    const { rows, total } = await deps.store.cases.list({
      siteIds, state: q.state ?? null, due: q.due ?? null, now, endOfToday: startOfLocalDay(addDays(siteDay(now, tz), 1), tz),
      windowId: q.window ?? null, staffId: q.staff ?? null, assignee: q.assignee ?? null, appeal: q.appeal ?? null,
      mine: u.role === 'staff' ? { staffId: u.staffId, username: u.username } : null,
      openedFrom: range(q.from, false), openedTo: range(q.to, true), offset, limit: q.limit,
    });
    const next = offset + rows.length < total ? String(offset + rows.length) : null;
    return c.json({ items: rows.map((r) => caseSummary(deps.config, r, now)), nextCursor: next, total } satisfies CaseList);
  });

  // Accepts: admin or supervisor who may see the case. Who it can be assigned to: active users who see its hall
  // (what the assign step accepts), so the form offers names instead of asking for one from memory.
  app.get('/cases/:number/assignees', supervisor, async (c) => {
    const row = await load(c);
    const users = (await deps.store.users.list())
      .filter((u) => u.disabled_at === null && visibleSites(deps, { role: u.role, sites: u.sites, staffId: u.staff_id }).includes(row.site_id))
      .map((u) => ({ username: u.username, role: u.role, staffId: u.staff_id }))
      .sort((a, b) => a.username.localeCompare(b.username));
    return c.json({ users } satisfies Assignees);
  });

  // Accepts: any signed-in user who may see the case. The source record in full, phone masked.
  app.get('/cases/:number', anyUser, async (c) => {
    const row = await load(c);
    const u = reader(c);
    const [responses, suggestions, exclusions, events] = await Promise.all([
      row.source_kind === 'response' ? deps.store.ingest.findResponses([row.source_id]) : Promise.resolve(new Map()),
      row.source_kind === 'suggestion' ? deps.store.ingest.findSuggestions([row.source_id]) : Promise.resolve(new Map()),
      deps.store.cases.exclusions([row.source_id]),
      deps.store.cases.events(row.number),
    ]);
    const src = row.source_kind === 'response' ? responses.get(row.source_id) : suggestions.get(row.source_id);
    const site = deps.config.sites.get(row.site_id);
    const label = (code: string) => (site ? reasonLabel(site, code) : { zh: code, en: code });
    const sources = src ? [sourceView(src, row.source_kind, exclusions.get(row.source_id), false, label)] : [];
    const followUps = row.qr_case_no ? (await deps.store.cases.followUps(row.qr_case_no)).map((f) => ({ id: f.id, at: new Date(f.counted_at).toISOString(), score: f.score, comment: f.comment })) : [];
    return c.json(caseDetail(caseSummary(deps.config, row, deps.now()), row, sources, events, followUps, canReveal(u, row)));
  });

  // Accepts: the hall's supervisor, the case's assignee, admin. The phone unmasked; every reveal audited.
  app.post('/cases/:number/reveal', anyUser, async (c) => {
    const row = await load(c);
    const u = reader(c);
    if (!canReveal(u, row)) throw fail(403, 'forbidden', 'only the hall\'s supervisor and the assignee see the number');
    const rec = row.source_kind === 'response'
      ? (await deps.store.ingest.findResponses([row.source_id])).get(row.source_id)
      : (await deps.store.ingest.findSuggestions([row.source_id])).get(row.source_id);
    const left = rec && ('phone' in rec ? rec.phone : rec.contact);
    // No number left in its field: the numbers the citizen typed into their words are the ones to call back on,
    // within the hall's retention only (the purge erases the fields; the words stay, and so would the numbers in them).
    const site = deps.config.sites.get(row.site_id);
    const kept = rec !== undefined && site !== undefined && rec.received_at >= retentionCutoff(site, deps.now());
    const typed = rec && !left && kept ? phonesInText(('comment' in rec ? rec.comment : rec.text) ?? '') : [];
    const src = left || typed.join('、');
    if (!src) throw fail(404, 'no_phone', 'the citizen left no number (or it was purged)');
    await audit(deps.store, u.username, 'case.phone_revealed', { case: row.number, source: row.source_id, ...(left ? {} : { from: 'text' }) }, deps.now(), clientAddress(c));
    return c.json({ number: row.number, phone: src });
  });

  // Accepts: any signed-in user allowed this step on this case (see cases/access.ts). Illegal steps: 409 with the code.
  app.post('/cases/:number/steps', anyUser, async (c) => {
    const cmd = parseBody(CaseCommandSchema, await readJson(c.req.raw));
    const u = reader(c);
    const number = c.req.param('number');
    const result = await deps.store.tx(async (t) => {
      // Held until the step is written: two supervisors (or a double click) cannot both take it from the same state.
      const row = await t.cases.byNumberForStep(number);
      if (!row || !canSee(u, row)) throw fail(404, 'unknown_case', `no case "${number}"`);
      const appealBy = cmd.action === 'decide_appeal' ? appellant(await t.cases.events(number)) : null;
      if (!canStep(u, row, cmd.action, appealBy)) {
        if (cmd.action === 'decide_appeal' && canStep(u, row, 'assign')) {
          throw fail(403, 'appeal_decider', 'an appeal is decided by someone other than who filed it and the staff member it is about', 'action');
        }
        throw fail(403, 'forbidden', `your role may not ${cmd.action} this case`, 'action');
      }
      const site = deps.config.sites.get(row.site_id);
      if (!site) throw fail(409, 'unknown_site', `the case's site "${row.site_id}" is no longer configured`);
      if (cmd.action === 'assign') {
        // A case owned by nobody who can work it would only run out its deadline.
        const who = await userByName(t, cmd.assignee);
        const refusal = assigneeRefusal(cmd.assignee, who && { disabled: who.disabled, visibleSites: visibleSites(deps, who) }, row.site_id);
        if (refusal) throw fail(400, 'invalid_assignee', `assignee: ${refusal}`, 'assignee');
      }
      return applyStep(t, site, row, cmd, u.username, deps.now());
    });
    if (result.kind === 'refused') throw fail(409, result.code, result.message, 'action');
    return c.json(caseSummary(deps.config, result.row, deps.now()));
  });

  // Accepts: admin or supervisor of the record's hall. Promotes a response or suggestion into a case (once).
  app.post('/cases', supervisor, async (c) => {
    const body = parseBody(PromoteSchema, await readJson(c.req.raw));
    const u = reader(c);
    const out = await deps.store.tx(async (t) => {
      const src = body.kind === 'response' ? (await t.ingest.findResponses([body.id])).get(body.id) : (await t.ingest.findSuggestions([body.id])).get(body.id);
      if (!src || !visibleSites(deps, u).includes(src.site_id)) throw fail(404, 'unknown_record', `no ${body.kind} "${body.id}"`, 'id');
      const site = deps.config.sites.get(src.site_id)!;
      const score = body.kind === 'response' ? (src as { score: number }).score : null;
      const reasons = body.kind === 'response' ? JSON.parse((src as { reasons: string }).reasons) as string[] : [];
      const phone = body.kind === 'response' ? (src as { phone: string | null }).phone : (src as { contact: string | null }).contact;
      return openCase(t, { site, kind: 'promoted', sourceKind: body.kind, source: src, score, reasons, phone, trackingCode: null, category: body.category, actor: u.username, now: deps.now() });
    });
    return c.json(caseSummary(deps.config, out.row, deps.now()), out.opened ? 201 : 200);
  });

  // Accepts: admin or supervisor of the case's hall, once the case is rectified. The 二次评价 QR code of the case.
  app.post('/cases/:number/followup-qr', supervisor, async (c) => {
    const row = await load(c);
    if (row.rectified_at === null) throw fail(409, 'case_not_rectified', 'a follow-up rating is possible once the case is rectified');
    const now = deps.now();
    const qrNo = row.qr_case_no ?? row.number;
    const by = reader(c).username;
    // Registered and marked in one unit, so the mark lands on this window's case number and no other.
    const reg = await deps.store.tx(async (t) => {
      const r = await registerCase(t, { caseNo: qrNo, siteId: row.site_id, windowId: row.window_id, by }, now);
      if (r.kind === 'other_window') return r;
      await t.qr.markRectified(qrNo, now);
      if (row.qr_case_no === null) await t.cases.update(row.number, { qr_case_no: qrNo });
      return r;
    });
    if (reg.kind === 'other_window') {
      await audit(deps.store, by, 'qr_case_refused', { caseNo: qrNo, case: row.number, windowId: row.window_id, belongsTo: reg.windowId }, now, clientAddress(c));
      throw fail(409, 'case_other_window', `case number "${qrNo}" is already registered to window "${reg.windowId}"; no follow-up QR for window "${row.window_id}"`);
    }
    const issued = await issueCaseToken(deps.store, row.site_id, row.window_id, qrNo, true, now);
    if (issued.kind !== 'ok') throw fail(503, 'no_secret', 'the site has no signing secret');
    const url = new URL(`/q/${row.window_id}?t=${encodeURIComponent(issued.token)}`, c.req.url).toString();
    await audit(deps.store, by, 'case.followup_qr', { case: row.number }, now);
    return c.json({ number: row.number, url, svg: qrSvg(url), expiresAt: new Date(issued.expiresAt).toISOString() });
  });
  return app;
}
