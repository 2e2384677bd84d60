/** The kiosk-config shape (sites, windows, staff), validated at endpoint start. */
import * as v from 'valibot';
import { DEFAULT_CATEGORIES } from './insights/defaults';
import { FollowUpSchema } from './cases/config';

const Text = v.object({ zh: v.string(), en: v.string() });
const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes'));

export const ReasonSchema = v.object({ code: v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/)), zh: v.string(), en: v.string() });
export type Reason = v.InferOutput<typeof ReasonSchema>;

export const DEFAULT_REASONS: Reason[] = [
  { code: 'attitude', zh: '服务态度差', en: 'Poor attitude' },
  { code: 'slow', zh: '办事效率低', en: 'Slow service' },
  { code: 'incompetent', zh: '业务不熟练', en: 'Not competent' },
  { code: 'not_told_once', zh: '一次性告知不到位', en: 'Not told everything at once' },
  { code: 'passed_around', zh: '推诿扯皮', en: 'Passed around' },
  { code: 'complex', zh: '流程繁琐材料多', en: 'Too complex, too many documents' },
  { code: 'environment', zh: '环境设施差', en: 'Poor environment' },
  { code: 'irregular_charges', zh: '违规收费或吃拿卡要', en: 'Irregular charges' },
  { code: 'other', zh: '其他', en: 'Other' },
];

/** Route targets of an alert: roles of the hall or one person (src/shared/alerts/recipients.ts). */
const Audiences = v.array(v.pipe(v.string(), v.regex(/^(supervisor|admin|assignee|@[\w.-]{1,40})$/, 'must be supervisor, admin, assignee or @username')));

/** Alerts and scheduled reports: thresholds per hall; channels and their secrets live on the server, not here. */
export const AlertSettingsSchema = v.object({
  /** Bad reviews on one window: `badCount` bad among the last `lastRatings` (optionally within `withinMinutes`). */
  badCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 3),
  lastRatings: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)), 10),
  withinMinutes: v.optional(v.nullable(v.pipe(v.number(), v.minValue(1))), null),
  badShare: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1))), null),
  silentMinutes: v.optional(v.pipe(v.number(), v.minValue(1)), 15),
  /** Whether alerts may carry the citizen's comment text (phone numbers are always masked). */
  includeComment: v.optional(v.boolean(), false),
  digestAt: v.optional(v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)), '08:30'),
  monthlyAt: v.optional(v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)), '09:00'),
  /** Whom each alert kind or report goes to (supervisor, admin, assignee, @username); a kind not given keeps its default. */
  routes: v.optional(v.strictObject({
    bad_with_phone: v.optional(Audiences), bad_streak: v.optional(Audiences), complaint: v.optional(Audiences),
    case_due_soon: v.optional(Audiences), case_overdue: v.optional(Audiences), early_warning: v.optional(Audiences), case_assigned: v.optional(Audiences),
    kiosk_silent: v.optional(Audiences), kiosk_unhealthy: v.optional(Audiences), digest: v.optional(Audiences), monthly: v.optional(Audiences),
  }), {}),
});
export type AlertSettings = v.InferOutput<typeof AlertSettingsSchema>;
// ── Insights: comment categories, theme stop words, comparison and early-warning rules ──────────────
const Words = v.array(v.pipe(v.string(), v.minLength(1)));
export const CategoryRuleSchema = v.object({
  code: v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/, 'must be lower-case letters and underscores')),
  zh: v.string(),
  en: v.string(),
  keywords: v.object({ zh: v.optional(Words, []), en: v.optional(Words, []) }),
  except: v.optional(Words),
  negatable: v.optional(v.boolean()),
  alsoWhen: v.optional(v.array(v.string())),
  adminOnly: v.optional(v.boolean()),
});
export const InsightsSchema = v.object({
  /** Replaces the shipped categories (src/shared/insights/defaults.ts) when given. */
  categories: v.optional(v.array(CategoryRuleSchema), DEFAULT_CATEGORIES),
  /** Added to the shipped stop words of the themes. */
  stopWords: v.optional(Words, []),
  /** Other spellings of staff names for the personal-mention rule, by staff id ("Wang Li", "王姐"). */
  staffAliases: v.optional(v.record(v.string(), Words), {}),
  comparison: v.optional(v.object({
    alpha: v.optional(v.pipe(v.number(), v.gtValue(0), v.ltValue(1)), 0.05),
    minRatings: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 30),
    minExpected: v.optional(v.pipe(v.number(), v.minValue(0)), 5),
  }), {}),
  earlyWarning: v.optional(v.object({
    baselineDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(7)), 56),
    monitorDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 28),
    oddsRatio: v.optional(v.pipe(v.number(), v.gtValue(1)), 2),
    threshold: v.optional(v.pipe(v.number(), v.gtValue(0)), 5),
    minBaseline: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 60),
  }), {}),
});
export type InsightsConfig = v.InferOutput<typeof InsightsSchema>;
// ── end of insights ───────────────────────────────────────────────────────────────────────────────────────────────

/** A number from `lo` to `hi`, naming both in its error. */
const Between = (lo: number, hi: number) => v.pipe(v.number(), v.minValue(lo, `must be from ${lo} to ${hi}`), v.maxValue(hi, `must be from ${lo} to ${hi}`));

export const SiteSchema = v.object({
  id: Id,
  name: Text,
  timeZone: v.optional(v.string(), 'Asia/Shanghai'),
  /** Faces on the kiosk: 5, 4 or 3; stored values stay on the 1–5 axis. */
  scale: v.optional(v.picklist([3, 4, 5]), 5),
  reasons: v.optional(v.array(ReasonSchema), DEFAULT_REASONS),
  /** Demo only: a kiosk opening a window gets a device token without a pairing code. */
  openEnrolment: v.optional(v.boolean(), false),
  defaultLanguage: v.optional(v.picklist(['zh-CN', 'en']), 'zh-CN'),
  largeTextDefault: v.optional(v.boolean(), false),
  /** A share, 0–1 (0.9 is 90%): 90 would make every window look below target. */
  targetSatisfaction: v.optional(v.pipe(v.number(), v.minValue(0, 'must be a share from 0 to 1 (0.9 is 90%)'), v.maxValue(1, 'must be a share from 0 to 1 (0.9 is 90%)')), 0.9),
  timers: v.optional(v.object({
    thanksSeconds: v.optional(Between(1, 120), 8),
    inactivitySeconds: v.optional(Between(5, 3600), 45),
  }), {}),
  misuse: v.optional(v.object({
    minSecondsAfterThanks: v.optional(Between(0, 600), 3),
    maxRatingsPerWindow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1')), 20),
    windowMinutes: v.optional(Between(1, 1440), 10),
  }), {}),
  /** Days a phone number or contact is kept: at least one (0 or less would erase the call-back numbers of open cases). */
  retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1 day: a call-back number must outlive its case'), v.maxValue(36_500)), 180),
  /** When the hall is open (site-local); a kiosk silent for 30 minutes inside these hours shows as stale. ISO weekdays, 1 = Monday. */
  openingHours: v.optional(v.object({
    days: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7))), [1, 2, 3, 4, 5]),
    open: v.optional(v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')), '09:00'),
    close: v.optional(v.pipe(v.string(), v.regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM')), '17:00'),
  }), {}),
  clockSkewBoundMinutes: v.optional(Between(0, 1440), 10),
  alerts: v.optional(AlertSettingsSchema, {}),
  // ── Follow-up: working-day calendar, deadlines, veto rules ──
  followUp: v.optional(FollowUpSchema, {}),
  // ── end follow-up ──
  insights: v.optional(InsightsSchema, {}),
});
export type Site = v.InferOutput<typeof SiteSchema>;

export const WindowSchema = v.object({
  id: Id,
  siteId: Id,
  number: v.string(),
  name: Text,
  promise: v.optional(Text),
  staffOnDuty: v.optional(v.string()),
});
export type Window = v.InferOutput<typeof WindowSchema>;

export const StaffSchema = v.object({
  id: Id,
  siteId: Id,
  name: v.string(),
  staffNumber: v.string(),
  title: v.optional(Text),
  photo: v.optional(v.string()),
  badges: v.optional(v.array(Text), []),
  /** PBKDF2 verifier of the kiosk PIN: `pbkdf2-sha256$iterations$salt$hash` (base64url), checkable offline by WebCrypto. */
  pinHash: v.optional(v.string()),
});
export type Staff = v.InferOutput<typeof StaffSchema>;

export const ConfigSchema = v.object({
  sites: v.array(SiteSchema),
  windows: v.array(WindowSchema),
  staff: v.array(StaffSchema),
});
export type KioskConfig = v.InferOutput<typeof ConfigSchema>;

/** What a kiosk or phone receives for its window: no secrets (PIN hashes stay on the endpoint). */
/** What a window's kiosk or phone is sent: the hall without its alert routes, comment rules and follow-up settings. */
export interface WindowConfig {
  site: Omit<Site, 'alerts' | 'insights' | 'followUp'>;
  window: Window;
  staff: Omit<Staff, 'pinHash'>[];
}
