import { isBad } from '../scale';

/** What the rules look at: one rating, newest last in every list handed to a rule. */
export interface RecentRating {
  readonly id: string;
  readonly windowId: string;
  readonly score: number;
  /** Server receive time, ms. */
  readonly at: number;
  readonly phone?: string | null;
}

/** Per-hall thresholds (kiosk-config `alerts` block; defaults in DEFAULT_ALERT_RULES). */
export interface AlertRules {
  /** Bad reviews on one window: raise when `count` bad among the last `lastRatings` ratings. */
  readonly badCount: number;
  readonly lastRatings: number;
  /** Optional time window: only ratings in the last `withinMinutes` count (null = no time limit). */
  readonly withinMinutes: number | null;
  /** Optional share threshold (0–1) over the same ratings; null = count rule only. */
  readonly badShare: number | null;
  /** A kiosk with no heartbeat for this long during opening hours is silent. */
  readonly silentMinutes: number;
}

export const DEFAULT_ALERT_RULES: AlertRules = {
  badCount: 3,
  lastRatings: 10,
  withinMinutes: null,
  badShare: null,
  silentMinutes: 15,
};

export type AlertKind =
  | 'bad_with_phone' | 'bad_streak' | 'kiosk_silent' | 'kiosk_unhealthy' | 'complaint' | 'case_due_soon' | 'case_overdue' | 'early_warning'
  | 'case_assigned';

/** Every alert kind, for schemas and settings screens. */
export const ALERT_KINDS: readonly AlertKind[] = [
  'bad_with_phone', 'bad_streak', 'kiosk_silent', 'kiosk_unhealthy', 'complaint', 'case_due_soon', 'case_overdue', 'early_warning',
  'case_assigned',
];

/** Kinds raised at most once per key, ever: the event happened once, so a closed alert must not come back. */
export function raisedOnce(kind: string): boolean {
  return kind === 'bad_with_phone' || kind === 'complaint' || kind === 'case_overdue' || kind === 'early_warning' || kind === 'case_assigned';
}

/** A condition that holds now. `key` identifies it so an open alert is not raised twice. */
export interface Condition {
  readonly key: string;
  readonly kind: AlertKind;
  readonly windowId?: string;
  readonly kioskId?: string;
  /** Facts for the message; never a full phone number or comment text. */
  readonly facts: Readonly<Record<string, string | number>>;
}

/** At once: a bad review that left a phone number (one alert per rating; it never "clears"). */
export function badWithPhone(r: RecentRating): Condition | null {
  if (!isBad(r.score) || !r.phone) return null;
  return { key: `bad_with_phone:${r.id}`, kind: 'bad_with_phone', windowId: r.windowId, facts: { ratingId: r.id, score: r.score } };
}

/** Threshold: bad reviews on one window reach the count (or share) among its recent ratings. */
export function badStreak(windowId: string, ratings: readonly RecentRating[], rules: AlertRules, now: number): Condition | null {
  const since = rules.withinMinutes === null ? -Infinity : now - rules.withinMinutes * 60_000;
  const mine = ratings.filter((r) => r.windowId === windowId && r.at >= since).slice(-rules.lastRatings);
  const bad = mine.filter((r) => isBad(r.score)).length;
  const byCount = bad >= rules.badCount;
  const byShare = rules.badShare !== null && mine.length > 0 && bad / mine.length >= rules.badShare;
  if (!byCount && !byShare) return null;
  return { key: `bad_streak:${windowId}`, kind: 'bad_streak', windowId, facts: { bad, of: mine.length } };
}

export interface KioskState {
  readonly kioskId: string;
  readonly windowId?: string;
  readonly lastSeen: number | null;
  readonly deadLetters: number;
  readonly storageWarning: boolean;
}

/** Silent kiosk: only during opening hours (the caller says whether the hall is open now). */
export function kioskSilent(k: KioskState, rules: AlertRules, now: number, open: boolean): Condition | null {
  if (!open || k.lastSeen === null) return null;
  const minutes = Math.floor((now - k.lastSeen) / 60_000);
  if (minutes < rules.silentMinutes) return null;
  return { key: `kiosk_silent:${k.kioskId}`, kind: 'kiosk_silent', kioskId: k.kioskId, facts: { minutes } };
}

/** Dead letters on the device or a storage warning: goes to admins. */
export function kioskUnhealthy(k: KioskState): Condition | null {
  if (k.deadLetters === 0 && !k.storageWarning) return null;
  return {
    key: `kiosk_unhealthy:${k.kioskId}`, kind: 'kiosk_unhealthy', kioskId: k.kioskId,
    facts: { deadLetters: k.deadLetters, storage: k.storageWarning ? 1 : 0 },
  };
}

/** Conditions that clear by themselves (a single bad review with a phone stays until acknowledged). */
export function autoCloses(kind: AlertKind): boolean {
  return kind !== 'bad_with_phone' && kind !== 'complaint' && kind !== 'early_warning';
}

/**
 * Raise-and-close: given the keys of open alerts and the conditions that hold now,
 * raise those not already open and close open ones whose condition cleared.
 * `evaluated` limits closing to the kinds this pass looked at, so a pass over ratings does not close kiosk alerts.
 */
export function reconcile(
  openKeys: readonly { key: string; kind: AlertKind }[],
  holding: readonly Condition[],
  evaluated: readonly AlertKind[],
): { raise: Condition[]; close: string[] } {
  const open = new Set(openKeys.map((o) => o.key));
  const now = new Set(holding.map((c) => c.key));
  const seen = new Set<string>();
  const raise = holding.filter((c) => !open.has(c.key) && !seen.has(c.key) && seen.add(c.key));
  const close = openKeys
    .filter((o) => autoCloses(o.kind) && evaluated.includes(o.kind) && !now.has(o.key))
    .map((o) => o.key);
  return { raise, close };
}

/** An open case as the deadline rule sees it: its next deadline, and whether that is the call-back's (a call still owed). */
export interface OpenCase { readonly number: string; readonly windowId: string; readonly nextDueAt: number | null; readonly callbackOwed?: boolean }

/**
 * Which deadline a case's next one is: the call-back (1 working day) while a call is owed, else the fix (3 or 7). Told
 * by the case's state, not by comparing times: a hall may give both deadlines the same number of days.
 */
export const deadlineStage = (c: OpenCase): 'callback' | 'due' => (c.callbackOwed ? 'callback' : 'due');

/**
 * The overdue alert's key: one per deadline, so a case late for its call-back is alerted again when it is late for its
 * fix too (one key per case raised once, and the second deadline passed in silence).
 */
export const overdueKey = (number: string, stage: 'callback' | 'due'): string => `case_overdue:${number}:${stage}`;

/** Time counted towards a deadline between two instants (working hours, or clock time); may stop counting past `cap`. */
export type TimeBetween = (from: number, to: number, cap: number) => number;

/**
 * A case whose current deadline is within `soonMs` (default 4 h) of `between` time — the hall's working hours
 * when the caller passes them, clock time otherwise — or past it. `minutes` in the facts is that time too.
 * Overdue replaces due-soon: the keys differ, so the due-soon alert closes when the overdue one opens.
 */
export function caseDeadline(c: OpenCase, now: number, soonMs = 4 * 3_600_000, between: TimeBetween = (from, to) => to - from): Condition | null {
  if (c.nextDueAt === null) return null;
  if (c.nextDueAt <= now) {
    const stage = deadlineStage(c);
    return { key: overdueKey(c.number, stage), kind: 'case_overdue', windowId: c.windowId, facts: { case: c.number, stage, minutes: Math.round((c.nextDueAt - now) / 60_000) } };
  }
  const left = between(now, c.nextDueAt, soonMs);
  if (left <= soonMs) return { key: `case_due_soon:${c.number}`, kind: 'case_due_soon', windowId: c.windowId, facts: { case: c.number, minutes: Math.round(left / 60_000) } };
  return null;
}

/** One assignment of a case, as the timeline recorded it: `seq` is the assigning event, `previous` whom it replaced. */
export interface Assignment {
  readonly number: string;
  readonly windowId: string;
  readonly assignee: string;
  readonly previous: string | null;
  readonly seq: number;
  /** The case's 办结 deadline (ms), or null when it has none. */
  readonly dueAt: number | null;
  /** The 回访 deadline while the call-back is still to be made (ms); null when there is none to make. */
  readonly callbackDueAt?: number | null;
  readonly timeZone: string;
}

/** The key of an assignment's alert: one per assigning event, so a later assignment back to the same person alerts again. */
export const assignedKey = (number: string, seq: number): string => `case_assigned:${number}:${seq}`;

/** A deadline is the midnight that ends its last day: shown, in hall time, as that day's 23:59. */
export function deadlineText(dueAt: number | null, timeZone: string): string {
  if (dueAt === null) return '—';
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(new Date(dueAt - 60_000)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** At once: a case assigned to someone new tells them; the same person assigned again (a repeated request) is quiet. */
export function caseAssigned(a: Assignment): Condition | null {
  if (a.assignee === a.previous) return null;
  return {
    key: assignedKey(a.number, a.seq), kind: 'case_assigned', windowId: a.windowId,
    // Both deadlines, each named: "call back by" while a call is owed, and "close by" (the word 办理期限 named either).
    facts: {
      case: a.number, assignee: a.assignee, due: deadlineText(a.dueAt, a.timeZone),
      ...(a.callbackDueAt != null ? { callBackBy: deadlineText(a.callbackDueAt, a.timeZone) } : {}),
    },
  };
}

/** A new early warning as the alert rule sees it (from the insights job): the subject, since when, the rates. */
export interface FallenSubject {
  readonly subject: 'window' | 'staff';
  readonly id: string;
  /** The window's or staff member's name as the hall shows it, and in English (the same where the config has none). */
  readonly label: string;
  readonly labelEn?: string;
  /** The day the warning was raised for (site-local) and the first day of the run that crossed. */
  readonly asOf: string;
  readonly since: string;
  readonly baseline: number | null;
  readonly recent: number | null;
  /** The window the alert opens to: the window itself, or none for a staff member. */
  readonly windowId?: string;
}

const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Daily: a window or staff member whose 满意率 fell against its own baseline; one alert per fall (keyed by its start). */
export function earlyWarningAlert(f: FallenSubject): Condition {
  return {
    key: `early_warning:${f.subject}:${f.id}:${f.since}`, kind: 'early_warning', ...(f.windowId ? { windowId: f.windowId } : {}),
    facts: { subject: f.subject, label: f.label, labelEn: f.labelEn ?? f.label, since: f.since, asOf: f.asOf, baseline: pct(f.baseline), recent: pct(f.recent) },
  };
}
