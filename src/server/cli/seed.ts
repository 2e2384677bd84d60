/**
 * `npm run seed -- --responses 1000000 [--db path] [--days 120] [--end YYYY-MM-DD]`: fills a database with
 * realistic demo ratings: weekday rhythm, a lunch dip, one window slipping, reasons, Chinese comments, a few suspect.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResponseRow, Store, SuggestionRow } from '../store';
import type { KioskConfig } from '../../shared/config';
import { uuidv7 } from '../../shared/ids';
import { addDays, daysBetween, localParts, siteDay } from '../../shared/time';
import { rebuildRollups } from '../stats/rollup';

export interface SeedOptions {
  responses: number;
  /** Last day (site-local) with data; defaults to today. */
  end?: string;
  days?: number;
  /** PRNG seed, so a demo database is reproducible. */
  seed?: number;
  /** Rows per transaction. */
  batch?: number;
  /** Leave the roll-ups alone (the caller rebuilds them once after several loads). */
  skipRollups?: boolean;
  /** Nothing is seeded after this moment (ms), so a seeded "today" holds no hours that have not happened yet; default: now. */
  now?: number;
}

const HOUR_MS = 3_600_000;

/** The share of an hour that starts at `from` which has passed by `now`: 0 to 1. */
export function elapsedShare(from: number, now: number): number {
  return Math.max(0, Math.min(1, (now - from) / HOUR_MS));
}

/** mulberry32: small, fast, good enough for demo data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Mon–Fri full days, Saturday a half day, Sunday closed except a trickle (appointments).
const WEEKDAY_WEIGHT = [1.15, 1.0, 0.95, 1.0, 1.1, 0.35, 0.05];
// Opening hours 9–17 with a lunch dip at 12.
const HOUR_WEIGHT: Record<number, number> = { 8: 0.2, 9: 1.2, 10: 1.4, 11: 1.1, 12: 0.3, 13: 0.6, 14: 1.2, 15: 1.3, 16: 1.0, 17: 0.3 };

// Score profiles: cumulative probabilities of scores 1..5.
const GOOD = [0.01, 0.02, 0.04, 0.22, 1];
const FAIR = [0.02, 0.045, 0.09, 0.33, 1];
const SLIPPING = [0.07, 0.14, 0.24, 0.55, 1];

const COMMENTS_BAD = [
  '排队等了一个多小时，窗口只开了一个。', '材料要求前后说法不一致，跑了三趟。', '工作人员态度生硬，问两句就不耐烦。',
  '系统老是卡，办一件事要半天。', '说是一次性告知，结果回去又让补材料。', '让我去别的窗口问，那边又让我回来。',
  '大厅空调太冷，等候区座位不够。', '复印要收费，没有提前说明。', '网上预约了还是要重新取号排队。',
];
const COMMENTS_GOOD = [
  '服务很耐心，讲得很清楚，谢谢！', '很快就办好了，点赞。', '工作人员主动帮我填表，非常感谢。',
  '比以前方便多了，一次就办成。', '态度热情，效率高。', '帮老人家一步步操作手机，很贴心。',
];
const SUGGESTIONS: [string, string][] = [
  ['suggestion', '建议周六延长办理时间到下午五点。'], ['suggestion', '希望增加自助打印机。'],
  ['complaint', '上周二下午三号窗口长时间无人。'], ['praise', '表扬二号窗口的陈师傅，耐心细致。'],
  ['question', '异地医保备案需要带什么材料？'], ['suggestion', '停车位太少，建议和旁边商场协调。'],
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function scoreFrom(rnd: () => number, cum: readonly number[]): number {
  const x = rnd();
  for (let i = 0; i < 5; i++) if (x < cum[i]!) return i + 1;
  return 5;
}

/** Milliseconds a site-local day starts at (offset measured at local noon; ratings never fall in a DST gap). */
function dayStartMs(day: string, timeZone: string): number {
  const noonUtc = Date.parse(`${day}T12:00:00Z`);
  const p = localParts(noonUtc, timeZone);
  const offsetH = (p.day === day ? p.hour : p.day > day ? p.hour + 24 : p.hour - 24) - 12;
  return Date.parse(`${day}T00:00:00Z`) - offsetH * 3_600_000;
}

/** Inserts `opts.responses` responses (and a few suggestions) for every site of the config, then rebuilds the roll-ups once; returns counts. */
export async function seedResponses(store: Store, config: KioskConfig, opts: SeedOptions): Promise<{ responses: number; suggestions: number; suspect: number }> {
  const rnd = prng(opts.seed ?? 20261123);
  const bytes = new Uint8Array(16);
  const random = (n: number) => { for (let i = 0; i < n; i++) bytes[i] = Math.floor(rnd() * 256); return bytes.subarray(0, n); };
  const site = config.sites[0]!;
  const end = opts.end ?? siteDay(Date.now(), site.timeZone);
  const days = daysBetween(addDays(end, -((opts.days ?? 120) - 1)), end);
  // the first hall's windows and staff only: a config of several halls must not rate one hall's people at another's windows
  const windows = config.windows.filter((w) => w.siteId === site.id);
  const siteStaff = config.staff.filter((p) => p.siteId === site.id);
  const slippingId = windows[2]?.id ?? windows[0]!.id;
  const now = opts.now ?? Date.now();
  const dayWeights = days.map((d) => WEEKDAY_WEIGHT[localParts(Date.parse(`${d}T12:00:00Z`), 'UTC').weekday]!);
  const hours = Object.keys(HOUR_WEIGHT).map(Number);
  const starts = days.map((d) => dayStartMs(d, site.timeZone));
  // Each hour weighs by weekday, hour of day and how much of it has passed: the total lands up to now.
  const weight = (di: number, h: number) => dayWeights[di]! * HOUR_WEIGHT[h]! * elapsedShare(starts[di]! + h * HOUR_MS, now);
  const sumWeights = days.reduce((acc, _, di) => acc + hours.reduce((a, h) => a + weight(di, h), 0), 0);
  const batch = opts.batch ?? 50_000;

  let rows: ResponseRow[] = [];
  let sRows: SuggestionRow[] = [];
  const flush = async () => {
    await store.tables.insert('responses', rows as unknown as Record<string, unknown>[]);
    await store.tables.insert('suggestions', sRows as unknown as Record<string, unknown>[]);
    rows = [];
    sRows = [];
  };

  let made = 0, suggestions = 0, suspect = 0, remainder = 0;
  for (const [di, day] of days.entries()) {
    const start = starts[di]!;
    const weekday = localParts(Date.parse(`${day}T12:00:00Z`), 'UTC').weekday;
    // The slipping window drifts from fair to poor over the last 45 days of the range.
    const slip = Math.max(0, Math.min(1, (di - (days.length - 45)) / 45));
    for (const h of hours) {
      const exact = (sumWeights > 0 ? opts.responses * weight(di, h) / sumWeights : 0) + remainder;
      const count = Math.floor(exact);
      remainder = exact - count;
      // Spread over the part of the hour that has passed.
      const slot = (HOUR_MS * elapsedShare(start + h * HOUR_MS, now)) / Math.max(1, count);
      for (let i = 0; i < count; i++) {
        const at = start + h * HOUR_MS + Math.floor((i + rnd()) * slot);
        const w = windows[Math.floor(rnd() * windows.length)]!;
        const profile = w.id === slippingId ? (rnd() < slip ? SLIPPING : FAIR) : (w.number.endsWith('2') ? FAIR : GOOD);
        const score = scoreFrom(rnd, profile);
        const staff = rnd() < 0.9 ? (w.staffOnDuty ?? null) : siteStaff.length > 0 ? pick(rnd, siteStaff).id : null;
        const reasons: string[] = [];
        if (score <= 2) {
          reasons.push(w.id === slippingId && rnd() < 0.6 ? pick(rnd, ['slow', 'not_told_once']) : pick(rnd, site.reasons).code);
          if (rnd() < 0.3) { const r2 = pick(rnd, site.reasons).code; if (!reasons.includes(r2)) reasons.push(r2); }
        }
        const commented = score <= 2 ? rnd() < 0.35 : rnd() < 0.03;
        const comment = commented ? pick(rnd, score <= 2 ? COMMENTS_BAD : COMMENTS_GOOD) : null;
        const phone = commented && score <= 2 && rnd() < 0.4 ? `13${Math.floor(rnd() * 10)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` : null;
        const isSuspect = rnd() < 0.004 ? 1 : 0;
        suspect += isSuspect;
        const iso = new Date(at).toISOString();
        rows.push({
          id: uuidv7(at, random), rev: 0, payload_hash: 'seed', site_id: w.siteId, window_id: w.id, staff_id: staff, kiosk_id: `seed-${w.id}`, device_id: null,
          channel: rnd() < 0.85 ? 'kiosk' : 'qr', token_kind: null, case_no: null, follow_up: 0, score, scale: 5, reasons: JSON.stringify(reasons),
          comment, phone, device_time: iso, received_at: at + 2000, counted_at: at, day, hour: h, weekday, seq: ++made, suspect: isSuspect,
          flags: isSuspect ? 'too_soon_after_thanks' : '',
        });
        if (rnd() < 0.004) {
          const [category, text] = pick(rnd, SUGGESTIONS);
          sRows.push({
            id: uuidv7(at + 1, random), rev: 0, payload_hash: 'seed', site_id: w.siteId, window_id: w.id, staff_id: null, kiosk_id: `seed-${w.id}`, device_id: null,
            channel: 'kiosk', category, text, contact: rnd() < 0.3 ? `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` : null,
            device_time: iso, received_at: at + 2000, counted_at: at + 1, day, seq: 0, flags: '',
          });
          suggestions++;
        }
        if (rows.length >= batch) await flush();
      }
    }
  }
  await flush();
  if (!opts.skipRollups) await rebuildRollups(store);
  return { responses: made, suggestions, suspect };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Stops the command with a one-line message (exit 2): a wrong option or a broken config is not a crash. */
function refuse(message: string): never {
  console.error(`seed: ${message}`);
  process.exit(2);
}

/** A whole number of at least `min` from the option `name`, or its default. */
function count(name: string, fallback: number, min: number): number {
  const raw = arg(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) refuse(`--${name} must be a whole number of at least ${min} (got "${raw}")`);
  return n;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { openConfiguredStore, configuredConfig } = await import('./open');
  const { ConfigError } = await import('../config/load');
  const opts: SeedOptions = { responses: count('responses', 100_000, 0) };
  if (arg('days') !== undefined) opts.days = count('days', 1, 1);
  const end = arg('end');
  if (end !== undefined) {
    // a real calendar day: 2026-13-45 is refused here rather than thrown as an invalid time later
    const day = new Date(`${end}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== end) refuse(`--end must be a day as YYYY-MM-DD (got "${end}")`);
    opts.end = end;
  }
  let config: ReturnType<typeof configuredConfig>['config'];
  try {
    config = configuredConfig().config; // refuses a config whose windows and staff do not match
  } catch (e) {
    if (e instanceof ConfigError) refuse(`configuration error: ${e.message}`);
    throw e;
  }
  const store = await openConfiguredStore(arg('db') ? resolve(arg('db')!) : undefined);
  const t0 = performance.now();
  const out = await seedResponses(store, config, opts);
  await store.close();
  console.log(`Seeded the ${store.engine} store: ${out.responses} responses (${out.suspect} suspect), ${out.suggestions} suggestions in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}
