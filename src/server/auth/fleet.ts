/** The fleet view: each kiosk with its latest heartbeat, the stale ones (silent in opening hours) first. */
import type { KioskListing } from './kiosks';
import type { Site } from '../../shared/config';

export const STALE_AFTER_MS = 30 * 60_000;

export interface FleetRow extends KioskListing {
  windowNumber: string;
  state: 'stale' | 'ok' | 'closed' | 'revoked';
  appVersion: string | null;
  pending: number | null;
  deadLetters: number | null;
  lastSyncAt: string | null;
  storageUsage: number | null;
  storageQuota: number | null;
  clockOffsetMs: number | null;
  /** Device model and browser, as the kiosk's heartbeat reports them. */
  model: string | null;
  browser: string | null;
  /** Sequence numbers neither received nor still on the device: records lost to evicted or cleared storage. */
  seqUnexplained: number | null;
  /** False when the kiosk reports a page that is not HTTPS; null when it never said (older app versions). */
  secureContext: boolean | null;
  /** The kiosk's last failed save (a full disk loses citizens' ratings), as it reported it; null when none. */
  lastSaveError: string | null;
  /** Why its newest dead letters (up to 20) were refused, the same refusal counted once, most frequent first. */
  refusals: Refusal[];
}

/** A refusal as the kiosk reported it: its code and field when the kiosk kept them, and the endpoint's words. */
export interface Refusal { code: string | null; field: string | null; reason: string; n: number }

/** The heartbeat's dead-letter reasons grouped by code and field (by the words when it has no code). */
function refusalsOf(x: unknown): Refusal[] {
  const groups = new Map<string, Refusal>();
  for (const item of Array.isArray(x) ? x.slice(0, 20) : []) {
    const d = record(item);
    const reason = str(d.reason);
    if (reason === null) continue;
    const code = typeof d.code === 'string' ? d.code.slice(0, 64) : null;
    const field = str(d.field);
    const key = code === null ? `words\u0000${reason}` : `code\u0000${code}\u0000${field ?? ''}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { code, field, reason, n: 1 });
  }
  return [...groups.values()].sort((a, b) => b.n - a.n);
}

const clock = new Map<string, Intl.DateTimeFormat>();

/** Site-local ISO weekday (1 = Monday) and minutes since midnight. */
function localClock(ms: number, timeZone: string): { isoDay: number; minutes: number } {
  let f = clock.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clock.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const isoDay = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { isoDay, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the hall is open at `ms` by its configured opening hours. */
export function isOpen(site: Pick<Site, 'timeZone' | 'openingHours'>, ms: number): boolean {
  const { isoDay, minutes } = localClock(ms, site.timeZone);
  const h = site.openingHours;
  return h.days.includes(isoDay) && minutes >= toMinutes(h.open) && minutes < toMinutes(h.close);
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const str = (x: unknown): string | null => (typeof x === 'string' ? x.slice(0, 200) : null);
/** ms → ISO time, or null for what no Date can hold (a heartbeat stored before its numbers were bounded, e.g. 1e300). */
const iso = (x: unknown): string | null => {
  const ms = num(x);
  return ms !== null && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
};
const record = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

/** Fleet rows: stale first, then by window number; revoked last. */
export function fleet(kiosks: KioskListing[], sites: Map<string, Site>, windowNumber: (id: string) => string, now: number): FleetRow[] {
  const rank = { stale: 0, ok: 1, closed: 2, revoked: 3 } as const;
  return kiosks.map((k): FleetRow => {
    const site = sites.get(k.siteId);
    const silent = k.lastSeenAt === null || now - k.lastSeenAt > STALE_AFTER_MS;
    const state = k.revokedAt !== null ? 'revoked' : site && !isOpen(site, now) ? (silent ? 'closed' : 'ok') : silent ? 'stale' : 'ok';
    // One kiosk's odd report must never take the whole fleet view down: every field is read defensively.
    const hb = record(k.heartbeat);
    return {
      ...k, windowNumber: windowNumber(k.windowId), state,
      appVersion: str(hb.appVersion), pending: num(hb.pending), deadLetters: num(hb.deadLetters), lastSyncAt: str(hb.lastSyncAt) ?? iso(hb.lastSyncAt),
      storageUsage: num(hb.storageUsage), storageQuota: num(hb.storageQuota), clockOffsetMs: num(hb.clockOffsetMs),
      seqUnexplained: num(hb.seqUnexplained), model: str(hb.model), browser: str(hb.browser),
      secureContext: typeof hb.secureContext === 'boolean' ? hb.secureContext : null,
      lastSaveError: str(hb.lastSaveError), refusals: refusalsOf(hb.deadLetterReasons),
    };
  }).sort((a, b) => rank[a.state] - rank[b.state] || a.windowNumber.localeCompare(b.windowNumber, 'zh-CN', { numeric: true }));
}
