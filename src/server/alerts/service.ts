import { addDays, dayStartUtc, previousMonth, siteDay } from '../../shared/time';
import { digestEmail, digestMessage, type DigestData } from './digest';
import { isBad } from '../../shared/scale';
import { caseDeadline, earlyWarningAlert, kioskSilent, kioskUnhealthy, reconcile, type Condition } from '../../shared/alerts/rules';
import type { AlertLang, AlertMessage, Named } from '../../shared/alerts/messages';
import type { Bulletin } from '../../shared/insights/wire';
import { bulletin } from '../insights/bulletin';
import { monthlyEmail, monthlyMessage } from './monthly';
import type { Site } from '../../shared/config';
import { isOpen } from '../auth/fleet';
import { workingMsBetween } from '../../shared/cases/calendar';
import type { ConfigIndex } from '../config/load';
import type { ChannelRow, Store } from '../store';
import type { Channel } from './channels';
import { audienceOf, channelOf, raiseAlert, rulesOf, warningLink, windowPlace } from './raise';
import { Scheduler, type Job, type Occurrence, type ScheduleSpec, type ScheduleStore } from './schedule';
import { makeSender, smtpFromEnv, type Sender } from './send';
import { DeliveryWorker } from './worker';
import { LivenessLease } from './lease';
import { runDailyEarlyWarning, type NewWarning } from '../insights/warnings';
import { staffNames, windowNames } from '../stats/labels';
import { deliveryFor } from '../../shared/alerts/recipients';

/**
 * Runs and leases kept in the store, so restarts and a second process agree on what was sent. A job's lease is taken
 * over only once it has gone unrenewed for its length by this process's clock (`LivenessLease`): a host whose clock
 * runs ahead does not run a report another process is running.
 */
export function storeSchedule(store: Store): ScheduleStore {
  const leases = new Map<string, LivenessLease>();
  return {
    acquireLease: (name, holder, now, ttl) => {
      const key = `${name}\u0000${holder}`;
      let lease = leases.get(key);
      if (!lease) leases.set(key, (lease = new LivenessLease(store.leases, name, holder, ttl)));
      return lease.acquire(now);
    },
    releaseLease: (name, holder) => store.leases.release(name, holder),
    lastRun: (job) => store.alerts.lastRun(job),
    recordRun: (job, key) => store.alerts.recordRun(job, key, Date.now()),
  };
}

/** The hall's open cases due later today (hall time) and past their deadline, as the case list counts them. */
export async function caseCounts(store: Store, site: Site, now: number): Promise<{ dueToday: number; overdue: number }> {
  const q = {
    siteIds: [site.id], state: 'open', now, endOfToday: dayStartUtc(addDays(siteDay(now, site.timeZone), 1), site.timeZone),
    windowId: null, staffId: null, assignee: null, appeal: null, mine: null, openedFrom: null, openedTo: null, offset: 0, limit: 1,
  } as const;
  const [due, over] = await Promise.all([store.cases.list({ ...q, due: 'due_today' }), store.cases.list({ ...q, due: 'overdue' })]);
  return { dueToday: due.total, overdue: over.total };
}

/** Yesterday's figures per window, today's due and overdue cases (as of `now`), stale kiosks. */
export async function digestData(store: Store, config: ConfigIndex, site: Site, day: string, now: number, baseUrl: string): Promise<DigestData> {
  const counts = await store.stats.levelCounts({ siteId: site.id, from: day, to: day, windowId: null, staffId: null, suspect: false }, ['window_id']);
  const windows = config.config.windows.filter((w) => w.siteId === site.id).map((w) => {
    const rows = counts.filter((r) => r.window_id === w.id);
    const total = rows.reduce((s, r) => s + r.n, 0);
    const bad = rows.filter((r) => isBad(r.score)).reduce((s, r) => s + r.n, 0);
    const good = rows.filter((r) => r.score >= 4).reduce((s, r) => s + r.n, 0);
    return { name: windowPlace(config, w.id), total, bad, rate: total ? good / total : null };
  });
  const stale = (await store.kiosks.list())
    .filter((k) => k.site_id === site.id && !k.revoked_at && (k.last_seen_at ?? 0) < now - site.alerts.silentMinutes * 60_000)
    .map((k) => config.windows.get(k.window_id)?.number ?? k.id);
  const { dueToday, overdue } = await caseCounts(store, site, now);
  return { hall: site.name, day, windows, dueToday, overdue, staleKiosks: stale, link: `${baseUrl}/dashboard` };
}

/** A report in each recipient's language: e-mail gets the whole report, robots a short message with a link. */
type Render = (lang: AlertLang, email: boolean) => AlertMessage;

/** A report for one channel: `queued` false when an earlier run of the same occurrence had queued it already. */
export interface ReportQueued { readonly channel: ChannelRow; readonly queued: boolean }

/** Queues a report for every channel of the hall that takes it; ids derive from the run, so a repeated run queues nothing. */
async function queueReport(store: Store, site: Site, o: Occurrence, kind: 'digest' | 'monthly', render: Render, now: number): Promise<ReportQueued[]> {
  const audience = await audienceOf(store, site, kind, null);
  const out: ReportQueued[] = [];
  for (const row of await store.alertChannels.list(site.id)) {
    const kinds = row.kinds ? (JSON.parse(row.kinds) as string[]) : null;
    if (kinds && !kinds.includes(kind)) continue;
    const d = deliveryFor(row, audience);
    if (d.kind === 'skip') continue;
    const message = render(row.lang as AlertLang, row.kind === 'email');
    const queued = await store.outbox.enqueue({ id: `${site.id}:${o.key}:${row.id}`, channelId: row.id, message: d.to ? { ...message, to: d.to } : message }, now);
    out.push({ channel: row, queued });
  }
  return out;
}

/** An e-mail as an outbox message: its text as lines and its HTML as the body. */
const mailMessage = (mail: { subject: string; text: string; html: string }, link: string): AlertMessage =>
  ({ title: mail.subject, lines: mail.text.split('\n').slice(2), link, html: mail.html });

const renderDigest = (d: DigestData): Render => (lang, email) => (email ? mailMessage(digestEmail(d, lang), d.link) : digestMessage(d, lang));
const renderMonthly = (b: Bulletin, link: string): Render => (lang, email) => (email ? mailMessage(monthlyEmail(b, lang, link), link) : monthlyMessage(b, lang, link));

/** When a hall's daily digest is due: every day at its `alerts.digestAt`, hall time. */
export const digestSpec = (site: Site): ScheduleSpec => ({ every: 'day', at: site.alerts.digestAt });

/** Queues the digest of occurrence `o` (it reports the day before) for every channel of the hall that takes it. */
export async function queueDigest(store: Store, config: ConfigIndex, site: Site, o: Occurrence, now: number, baseUrl: string): Promise<ReportQueued[]> {
  return queueReport(store, site, o, 'digest', renderDigest(await digestData(store, config, site, addDays(o.day, -1), now, baseUrl)), now);
}

/** Evaluates the kiosk rules (silent in opening hours, dead letters or storage warning) for every hall. */
export async function kioskPass(store: Store, config: ConfigIndex, now: number, baseUrl: string): Promise<void> {
  const kiosks = (await store.kiosks.list()).filter((k) => !k.revoked_at);
  for (const site of config.config.sites) {
    const holding: Condition[] = [];
    for (const k of kiosks.filter((x) => x.site_id === site.id)) {
      const hb = k.heartbeat ? (JSON.parse(k.heartbeat) as { deadLetters?: number; storageWarning?: boolean }) : {};
      const state = { kioskId: k.id, windowId: k.window_id, lastSeen: k.last_seen_at, deadLetters: hb.deadLetters ?? 0, storageWarning: Boolean(hb.storageWarning) };
      const silent = kioskSilent(state, rulesOf(site), now, isOpen(site, now));
      const sick = kioskUnhealthy(state);
      for (const c of [silent, sick]) if (c) holding.push({ ...c, windowId: k.window_id });
    }
    const open = (await store.alerts.openKeys(site.id, ['kiosk_silent', 'kiosk_unhealthy'])) as Array<{ key: string; kind: 'kiosk_silent' }>;
    const { raise, close } = reconcile(open, holding, ['kiosk_silent', 'kiosk_unhealthy']);
    for (const c of raise) {
      const place = c.windowId && config.windows.has(c.windowId) ? windowPlace(config, c.windowId) : c.kioskId ?? '';
      await store.tx((t) => raiseAlert(t, site, c, place, now, baseUrl));
    }
    if (close.length) await store.alerts.close(site.id, close, now);
  }
}

/** Open cases read per page by the deadline pass; it reads every page. */
const CASE_PAGE = 500;

/** An alert a pass raised: the condition, its hall and the place it names. */
export interface RaisedAlert { readonly siteId: string; readonly condition: Condition; readonly place: Named }

/**
 * Case deadlines: due within 4 working hours (the hall's opening hours on its working days) or overdue; the
 * due-soon alert closes when the case moves on or closes. Every hall, or the halls given; the alerts it raised.
 */
export async function casePass(store: Store, config: ConfigIndex, now: number, baseUrl: string, sites: readonly Site[] = config.config.sites): Promise<RaisedAlert[]> {
  const raised: RaisedAlert[] = [];
  for (const site of sites) {
    const rows: Awaited<ReturnType<Store['cases']['list']>>['rows'] = [];
    for (let offset = 0; ; offset += CASE_PAGE) {
      const page = await store.cases.list({
        siteIds: [site.id], state: 'open', due: null, now, endOfToday: now, windowId: null, staffId: null, assignee: null,
        appeal: null, mine: null, openedFrom: null, openedTo: null, offset, limit: CASE_PAGE,
      });
      rows.push(...page.rows);
      if (page.rows.length < CASE_PAGE) break;
    }
    const working = (from: number, to: number, cap: number) => workingMsBetween(from, to, site.followUp.calendar, site.timeZone, site.openingHours, cap);
    const holding = rows.map((r) => caseDeadline({ number: r.number, windowId: r.window_id, nextDueAt: r.next_due_at, callbackOwed: r.needs_callback === 1 && r.call_outcome === null }, now, undefined, working)).filter((c): c is Condition => c !== null);
    const assignees = new Map(rows.map((r) => [r.number, r.assignee]));
    const open = (await store.alerts.openKeys(site.id, ['case_due_soon'])) as Array<{ key: string; kind: 'case_due_soon' }>;
    const { raise, close } = reconcile(open, holding, ['case_due_soon']);
    for (const c of raise) {
      const assignee = assignees.get(String(c.facts.case)) ?? null;
      const place = windowPlace(config, c.windowId ?? '');
      if (await store.tx((t) => raiseAlert(t, site, c, place, now, baseUrl, { assignee }))) raised.push({ siteId: site.id, condition: c, place });
    }
    if (close.length) await store.alerts.close(site.id, close, now);
  }
  return raised;
}

/** The month's 通报 on the dashboard's insights view, where the dashboard reads it from its address. */
const bulletinLink = (baseUrl: string, siteId: string, month: string): string =>
  `${baseUrl}/dashboard?${new URLSearchParams({ view: 'insights', tab: 'bulletin', site: siteId, month })}`;

/** When the daily early-warning job runs, hall time: after midnight, so yesterday's ratings are all in. */
export const EARLY_WARNING_AT = '00:30';

/** Turns a new early warning into an alert through the normal channels; one alert per fall (raised once by its key). */
export async function raiseEarlyWarning(store: Store, config: ConfigIndex, w: NewWarning, now: number, baseUrl: string): Promise<boolean> {
  const site = config.sites.get(w.siteId);
  if (!site) return false;
  const { subject, id, label, result } = w.row;
  const windowId = subject === 'window' ? id : undefined;
  const labelEn = subject === 'window' ? windowNames(config, id).en : staffNames(config, id).en;
  const c = earlyWarningAlert({ subject, id, label, labelEn, asOf: w.asOf, since: result.since, baseline: result.baseline.p, recent: result.recent.p, windowId });
  const place = windowId && config.windows.has(windowId) ? windowPlace(config, windowId) : label;
  return store.tx((t) => raiseAlert(t, site, c, place, now, baseUrl, { link: warningLink(baseUrl, site.id, subject, id) }));
}

/**
 * The scheduled jobs of every hall, in the hall's time zone: the daily digest, the monthly report and the daily
 * early warning. They run under the scheduler's lease, so two endpoint processes never run one twice for the same day.
 */
export function alertJobs(store: Store, config: ConfigIndex, opts: { baseUrl: string; now?: () => number }): Job[] {
  const now = opts.now ?? Date.now;
  return config.config.sites.flatMap((site): Job[] => [
    {
      name: `digest:${site.id}`, spec: digestSpec(site), timeZone: site.timeZone,
      run: async (o: Occurrence) => { await queueDigest(store, config, site, o, now(), opts.baseUrl); },
    },
    {
      // Last month's 通报 as the insights bulletin computes it: 星级, 一票否决, windows last two months running.
      name: `monthly:${site.id}`, spec: { every: 'month', day: 1, at: site.alerts.monthlyAt }, timeZone: site.timeZone,
      run: async (o: Occurrence) => {
        const month = previousMonth(o.day.slice(0, 7));
        const report = await bulletin(store, config, site, month, now());
        await queueReport(store, site, o, 'monthly', renderMonthly(report, bulletinLink(opts.baseUrl, site.id, month)), now());
      },
    },
    {
      name: `early-warning:${site.id}`, spec: { every: 'day', at: EARLY_WARNING_AT }, timeZone: site.timeZone,
      // Judged as of the occurrence, so a late or caught-up run reports the same day it would have on time.
      run: async (o: Occurrence) => {
        await runDailyEarlyWarning(store.insights, config, o.at, async (w) => { await raiseEarlyWarning(store, config, w, now(), opts.baseUrl); }, [site.id]);
      },
    },
  ]);
}

export interface AlertService {
  /** Stops the timers; resolves once the passes under way are done and the delivery lease is given back. */
  stop(): Promise<void>;
}

/** The lease that makes one process the deliverer: with two endpoints on one store, each message goes out once. */
export const DELIVERY_LEASE = 'alert-delivery';
/**
 * Held while a process delivers, renewed at every pass (every 2 s) and by a timer of its own every
 * DELIVERY_RENEW_MS, so a pass that waits on a slow robot (each send times out after 10 s) keeps it; a process that
 * dies holding it (killed, the machine off) is replaced once the others have seen it unrenewed this long (by their own
 * clocks: `LivenessLease`), the endpoint restarted in its place too. It was 2 minutes, renewed by the passes alone:
 * every alert raised meanwhile waited that long.
 */
export const DELIVERY_LEASE_MS = 20_000;
export const DELIVERY_RENEW_MS = 5_000;
/** How often a process passes over the outbox (and asks for the lease). */
export const DELIVERY_PASS_MS = 2_000;

/**
 * One delivery pass by the process holding the delivery lease; false when another process holds it. Without it two
 * endpoints on one PostgreSQL store both read the pending messages and both sent them (robots show both copies), and
 * each kept its own count of the robots' 20-a-minute limit.
 */
export async function deliveryPass(lease: LivenessLease, worker: DeliveryWorker): Promise<boolean> {
  if (!(await lease.acquire())) return false;
  await worker.tick();
  return true;
}

/** This process's hold on the delivery lease. */
export function deliveryLease(store: Store, holder: string, clock?: () => number): LivenessLease {
  return new LivenessLease(store.leases, DELIVERY_LEASE, holder, DELIVERY_LEASE_MS, clock);
}

/** Starts the delivery worker (every 2 s), the kiosk rules (every minute) and the report scheduler (every 30 s). */
export function startAlerts(store: Store, config: ConfigIndex, opts: { baseUrl: string; holder: string; sender?: Sender }): AlertService {
  let channels: readonly Channel[] = [];
  const worker = new DeliveryWorker({ outbox: store.outbox, channels: () => channels, now: Date.now, send: opts.sender ?? makeSender(smtpFromEnv()) });
  const scheduler = new Scheduler(storeSchedule(store), alertJobs(store, config, opts), opts.holder, Date.now);
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  const every = (ms: number, fn: () => Promise<unknown>): NodeJS.Timeout => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const pass: Promise<void> = fn().then(() => {}, (e: unknown) => console.error('alerts:', e)).finally(() => { busy = false; running.delete(pass); });
      running.add(pass);
    }, ms);
    timers.push(timer);
    return timer;
  };
  const lease = deliveryLease(store, opts.holder);
  every(DELIVERY_PASS_MS, async () => { channels = (await store.alertChannels.list('all')).map(channelOf); await deliveryPass(lease, worker); });
  const renewing = every(DELIVERY_RENEW_MS, () => lease.acquire());
  every(60_000, () => kioskPass(store, config, Date.now(), opts.baseUrl));
  every(30_000, () => scheduler.tick());
  every(60_000, () => casePass(store, config, Date.now(), opts.baseUrl));
  return {
    stop: async () => {
      for (const t of timers) if (t !== renewing) clearInterval(t);
      // A pass under way finishes its sends and marks them sent, the lease still renewed, before the lease is given
      // back: given back earlier, another endpoint took delivery over at its next pass and sent a message being sent.
      // How long this may take is bounded by the shutdown's grace period (process/shutdown.ts).
      await Promise.all(running);
      clearInterval(renewing);
      // Another endpoint takes delivery over at its next pass instead of after the lease runs out.
      await lease.release().catch(() => {});
    },
  };
}
