import { formatAlert, type AlertLang, type AlertView, type Named } from '../../shared/alerts/messages';
import { assignedKey, badStreak, badWithPhone, caseAssigned, overdueKey, reconcile, type AlertKind, type AlertRules, type Condition } from '../../shared/alerts/rules';
import { DEFAULT_ROUTES, deliveryFor, parseRecipients, resolveAudience, type Audience, type ReportKind } from '../../shared/alerts/recipients';
import type { Site } from '../../shared/config';
import { maskPhonesInText } from '../../shared/contact';
import type { ConfigIndex } from '../config/load';
import type { BatchHook } from '../ingest/ingest';
import type { CaseEventHook } from '../cases/record';
import type { ChannelRow, Unit } from '../store';
import type { Channel, ChannelKind } from './channels';

export const rulesOf = (site: Site): AlertRules => ({
  badCount: site.alerts.badCount, lastRatings: site.alerts.lastRatings, withinMinutes: site.alerts.withinMinutes,
  badShare: site.alerts.badShare, silentMinutes: site.alerts.silentMinutes,
});

const addressesOf = (text: string): string[] => {
  const p = parseRecipients(text);
  return p.ok ? [...new Set(p.entries.flatMap((e) => (e.address ? [e.address] : [])))] : [];
};

export function channelOf(r: ChannelRow): Channel {
  return {
    id: r.id, kind: r.kind as ChannelKind, url: r.url ?? undefined, secret: r.secret ?? undefined, lang: r.lang as AlertLang,
    // Every address on the channel: a test send reaches them all; routed alerts carry their own `to`.
    to: r.recipients ? addressesOf(r.recipients) : undefined,
  };
}

/** Whom an alert kind or report of the hall goes to: the hall's `alerts.routes`, else the documented default. */
export const routeOf = (site: Site, kind: AlertKind | ReportKind): readonly Audience[] =>
  (site.alerts.routes[kind] as Audience[] | undefined) ?? DEFAULT_ROUTES[kind];

/** The hall's people and the case's assignee that a route names. */
export async function audienceOf(t: Pick<Unit, 'users'>, site: Site, kind: AlertKind | ReportKind, assignee: string | null): Promise<Set<Audience>> {
  const people = (await t.users.list()).map((u) => ({ username: u.username, role: u.role, sites: u.sites, disabled: u.disabled_at !== null }));
  return resolveAudience(routeOf(site, kind), people, site.id, assignee);
}

/** A window as alerts name it, number and name in each language: "01 综合受理" / "01 Intake". */
export function windowPlace(config: ConfigIndex, windowId: string): Named {
  const w = config.windows.get(windowId);
  return w ? { zh: `${w.number} ${w.name.zh}`, en: `${w.number} ${w.name.en}` } : windowId;
}

/** The dashboard page of one case. */
export const caseLink = (baseUrl: string, number: string): string => `${baseUrl}/dashboard?view=cases&case=${encodeURIComponent(number)}`;

/** A window's recent ratings on the dashboard: its reasons and comments over the last 7 days. */
export const windowLink = (baseUrl: string, siteId: string, windowId: string): string =>
  `${baseUrl}/dashboard?${new URLSearchParams({ view: 'why', site: siteId, window: windowId, range: '7d' })}`;

/** The early warnings of a window or a staff member on the dashboard's insights view. */
export const warningLink = (baseUrl: string, siteId: string, subject: 'window' | 'staff', id: string): string =>
  `${baseUrl}/dashboard?${new URLSearchParams({ view: 'insights', tab: 'warnings', site: siteId, [subject]: id })}`;

/** The admin's fleet view, where a kiosk's last heartbeat, dead letters and storage show. */
export const fleetLink = (baseUrl: string): string => `${baseUrl}/admin/kiosks`;

/**
 * Where an alert's link (查看, and the link in every chat and e-mail message) leads: the case it is about, the
 * fleet for a kiosk, else the window's recent ratings (or its early warnings), else the hall's dashboard.
 */
export function alertLink(baseUrl: string, siteId: string, c: Condition): string {
  if (typeof c.facts.case === 'string' && c.facts.case !== '') return caseLink(baseUrl, c.facts.case);
  if (c.kind === 'kiosk_silent' || c.kind === 'kiosk_unhealthy') return fleetLink(baseUrl);
  if (c.windowId) return c.kind === 'early_warning' ? warningLink(baseUrl, siteId, 'window', c.windowId) : windowLink(baseUrl, siteId, c.windowId);
  return `${baseUrl}/dashboard?${new URLSearchParams({ site: siteId })}`;
}

/**
 * Records a condition as an alert and queues one message per channel of the hall that wants this kind and serves
 * someone it is routed to (e-mail: to their addresses), all through the caller's unit of work: the alert commits
 * with the rating (or change) that caused it.
 */
export async function raiseAlert(
  t: Unit, site: Site, c: Condition, place: Named, now: number, baseUrl: string,
  extra: { phone?: string | null; comment?: string | null; assignee?: string | null; link?: string } = {},
): Promise<boolean> {
  const id = `al_${now.toString(36)}_${c.key.replace(/[^a-z0-9]/gi, '').slice(-24)}`;
  const link = extra.link ?? alertLink(baseUrl, site.id, c);
  const raised = await t.alerts.raise({
    id, key: c.key, kind: c.kind, site_id: site.id, window_id: c.windowId ?? null, kiosk_id: c.kioskId ?? null,
    facts: JSON.stringify(c.facts), link, raised_at: now,
  });
  if (!raised) return false;
  // The formatter masks the phone field; the numbers a citizen typed into the comment are masked here, before any cut.
  const comment = extra.comment ? maskPhonesInText(extra.comment) : extra.comment;
  const view: AlertView = { id, kind: c.kind, hall: site.name, place, facts: c.facts, phone: extra.phone, comment, link };
  const audience = await audienceOf(t, site, c.kind, extra.assignee ?? null);
  for (const ch of await t.alertChannels.list(site.id)) {
    const kinds = ch.kinds ? (JSON.parse(ch.kinds) as string[]) : null;
    if (kinds && !kinds.includes(c.kind)) continue;
    const d = deliveryFor(ch, audience);
    if (d.kind === 'skip') continue;
    const message = formatAlert(view, ch.lang as AlertLang, site.alerts.includeComment);
    await t.outbox.enqueue({ id: `${id}:${ch.id}`, channelId: ch.id, message: d.to ? { ...message, to: d.to } : message }, now);
  }
  return true;
}

/**
 * Ingest hook: a stored rating may raise "bad review with phone" and open or close "bad streak" on its window.
 * The batch's rows are all written before its hooks run, so every row of one window would read the same latest
 * ratings: the streak is evaluated once per window and batch, at that window's first rating in the batch (a
 * query per window instead of two per row, which made a batch of 200 cost 125–180 ms on a large table).
 */
export function alertIngestHook(config: ConfigIndex, baseUrl: string, now: () => number = Date.now): BatchHook {
  return {
    prepare: async () => {
      const evaluated = new Set<string>();
      return async (t, e) => {
        if (e.table !== 'responses' || e.row.suspect) return;
        const site = config.sites.get(e.row.site_id);
        if (!site) return;
        const place = windowPlace(config, e.row.window_id);
        const at = now();
        const r = { id: e.row.id, windowId: e.row.window_id, score: e.row.score, at: e.row.received_at, phone: e.row.phone };
        const withPhone = badWithPhone(r);
        if (withPhone) {
          // The case that follows this rating is already open (and may be assigned) in this unit of work: the
          // message names it and links to it.
          const opened = await t.cases.bySource('response', e.row.id);
          const c = opened ? { ...withPhone, facts: { ...withPhone.facts, case: opened.number } } : withPhone;
          await raiseAlert(t, site, c, place, at, baseUrl, { phone: e.row.phone, comment: e.row.comment, assignee: opened?.assignee ?? null });
        }
        if (evaluated.has(e.row.window_id)) return;
        evaluated.add(e.row.window_id);
        await reconcileStreak(t, site, e.row.window_id, place, at, baseUrl);
      };
    },
  };
}

/** Opens "bad streak" on a window when its latest ratings hold one, closes it when they no longer do. */
async function reconcileStreak(t: Unit, site: Site, windowId: string, place: Named, at: number, baseUrl: string): Promise<void> {
  const rules = rulesOf(site);
  const recent = (await t.alerts.recentRatings(windowId, rules.lastRatings))
    .map((x) => ({ id: x.id, windowId: x.window_id, score: x.score, at: x.received_at }));
  const streak = badStreak(windowId, recent, rules, at);
  const open = (await t.alerts.openKeys(site.id, ['bad_streak'])).filter((o) => o.key === `bad_streak:${windowId}`);
  const { raise, close } = reconcile(open.map((o) => ({ key: o.key, kind: 'bad_streak' as const })), streak ? [streak] : [], ['bad_streak']);
  for (const c of raise) await raiseAlert(t, site, c, place, at, baseUrl);
  if (close.length) await t.alerts.close(site.id, close, at);
}

/** The case's assignment in force before event `seq`: who, and the event that made it (none before the first). */
async function assignmentBefore(t: Unit, number: string, seq: number): Promise<{ assignee: string; seq: number } | null> {
  const prior = (await t.cases.events(number)).filter((ev) => ev.action === 'assign' && ev.seq < seq);
  const last = prior.reduce<typeof prior[number] | null>((a, ev) => (a === null || ev.seq > a.seq ? ev : a), null);
  if (!last) return null;
  const who = (JSON.parse(last.detail) as { assignee?: unknown }).assignee;
  return typeof who === 'string' ? { assignee: who, seq: last.seq } : null;
}

/**
 * Case hook, in the transaction of the case event: a complaint (投诉) from the suggestion box alerts at once; an
 * assignment alerts the new assignee (a repeat to the same person, or someone taking the case themselves, does not) and
 * closes the previous assignee's alert,
 * as does closing the case; a case the citizen withdrew closes its deadline alerts too.
 */
export function alertCaseHook(config: ConfigIndex, baseUrl: string): CaseEventHook {
  return async (t, row, e) => {
    const site = config.sites.get(row.site_id);
    if (!site) return;
    const place = windowPlace(config, row.window_id);
    if (e.action === 'opened' && row.kind === 'complaint') {
      const c: Condition = { key: `complaint:${row.number}`, kind: 'complaint', windowId: row.window_id, facts: { case: row.number } };
      await raiseAlert(t, site, c, place, e.at, baseUrl, { assignee: row.assignee });
      return;
    }
    if (e.action === 'assign' && row.assignee) {
      const before = await assignmentBefore(t, row.number, e.seq);
      const c = caseAssigned({
        number: row.number, windowId: row.window_id, assignee: row.assignee, previous: before?.assignee ?? null, seq: e.seq,
        dueAt: row.due_at, callbackDueAt: row.needs_callback === 1 && row.call_outcome === null ? row.callback_due_at : null, timeZone: site.timeZone,
      });
      if (!c) return;
      if (before) await t.alerts.close(site.id, [assignedKey(row.number, before.seq)], e.at);
      // A supervisor taking a case themselves needs no alert to say so: only one given to someone else alerts.
      if (e.actor === row.assignee) return;
      await raiseAlert(t, site, c, place, e.at, baseUrl, { assignee: row.assignee, link: caseLink(baseUrl, row.number) });
      return;
    }
    if (e.action === 'close') {
      const before = await assignmentBefore(t, row.number, e.seq);
      if (before) await t.alerts.close(site.id, [assignedKey(row.number, before.seq)], e.at);
    }
    if (e.action === 'withdrawn') await t.alerts.close(site.id, [`case_due_soon:${row.number}`, overdueKey(row.number, 'callback'), overdueKey(row.number, 'due')], e.at);
  };
}
