/** Shapes of the dashboard's aggregates, shared with the browser as types only. */
import type { LevelCounts } from '../../shared/metrics';

export interface DailyPoint {
  day: string;
  counts: LevelCounts;
  total: number;
  satisfaction: number | null;
  good: number | null;
  bad: number | null;
}

export interface FilterEcho {
  siteId: string;
  timeZone: string;
  from: string;
  to: string;
  windowId: string | null;
  staffId: string | null;
  includeSuspect: boolean;
}

export interface DailyStats extends FilterEcho {
  target: number;
  /** Days with fewer ratings than this are marked as thin on the chart. */
  minDailySample: number;
  suspectCount: number;
  days: DailyPoint[];
}

export interface RankRow {
  id: string;
  label: string;
  counts: LevelCounts;
  total: number;
  satisfaction: number | null;
  badCount: number;
  topReasons: { code: string; label: string; n: number }[];
  /** Only when the range is one calendar month: the 星级 text (★★★★☆, —, 一票否决). */
  grade: string | null;
}

export interface Ranking extends FilterEcho {
  /** The calendar month the range covers exactly, or null. */
  month: string | null;
  windows: RankRow[];
  staff: RankRow[];
}

export interface Heatmap extends FilterEcho {
  /** [weekday 0 = Monday][hour 0–23] */
  ratings: number[][];
  bad: number[][];
}

export interface ReasonCount { code: string; zh: string; en: string; n: number }

export interface Reasons extends FilterEcho {
  badTotal: number;
  reasons: ReasonCount[];
}

export interface FeedbackItem {
  kind: 'response' | 'suggestion';
  id: string;
  day: string;
  at: string;
  windowId: string;
  windowLabel: string;
  staffId: string | null;
  staffLabel: string | null;
  score: number | null;
  category: string | null;
  reasons: string[];
  text: string;
  /** Masked (138****1234, z***@e***.com), or empty. */
  phone: string;
  /** Why the rating is suspect or was counted otherwise (e.g. `too_soon_after_thanks`, `qr_burst_rate`, `clock_skew`). */
  flags: string[];
}

export interface Feedback extends FilterEcho {
  items: FeedbackItem[];
  /** Pass as ?cursor= for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface MonthRow {
  subject: 'window' | 'staff';
  id: string;
  label: string;
  counts: LevelCounts;
  total: number;
  satisfaction: number | null;
  good: number | null;
  bad: number | null;
  grade: string;
  veto: string | null;
}

export interface MonthReport {
  siteId: string;
  siteName: string;
  month: string;
  includeSuspect: boolean;
  windows: MonthRow[];
  staff: MonthRow[];
  total: MonthRow;
}

export interface DisplayWindow {
  number: string;
  name: { zh: string; en: string };
  today: { total: number; satisfaction: number | null };
  month: { total: number; satisfaction: number | null; stars: number | null; grade: string };
}

export interface DisplayFigures {
  site: { id: string; name: { zh: string; en: string } };
  day: string;
  month: string;
  target: number;
  updatedAt: string;
  today: { total: number; satisfaction: number | null };
  thisMonth: { total: number; satisfaction: number | null };
  windows: DisplayWindow[];
}

/** What the signed-in user may filter by: their sites, those sites' windows and staff. */
export interface Subjects {
  sites: { id: string; name: { zh: string; en: string }; timeZone: string; reasons: { code: string; zh: string; en: string }[] }[];
  windows: { id: string; siteId: string; number: string; name: { zh: string; en: string } }[];
  staff: { id: string; siteId: string; name: string; staffNumber: string }[];
}
