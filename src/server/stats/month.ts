/** 月度报表: per window and per staff member, counts per level, the three rates, the 星级 and any veto. */
import type { Areas } from '../store';
import type { ConfigIndex } from '../config/load';
import type { Site } from '../../shared/config';
import { addCounts, rates, starGrade, gradeText, EMPTY_COUNTS, type LevelCounts } from '../../shared/metrics';
import { monthRange } from '../../shared/time';
import { staffLabel, windowLabel } from './labels';
import { vetoesOf } from './vetoes';
import type { MonthReport, MonthRow } from './types';

function row(subject: 'window' | 'staff', id: string, label: string, c: LevelCounts, veto: string | null): MonthRow {
  const r = rates(c);
  return { subject, id, label, counts: c, total: r.total, satisfaction: r.satisfaction, good: r.good, bad: r.bad, grade: starGrade(c, veto !== null), veto };
}

/** The month report of a site; suspect ratings left out unless asked. */
export async function monthReport(store: Pick<Areas, 'stats'>, config: ConfigIndex, site: Site, month: string, includeSuspect: boolean): Promise<MonthReport> {
  const { from, to } = monthRange(month);
  const q = { siteId: site.id, from, to, windowId: null, staffId: null, suspect: includeSuspect };
  const [rows, vetoes] = await Promise.all([store.stats.levelCounts(q, ['window_id', 'staff_id']), vetoesOf(store, site.id, month)]);
  const byWindow = new Map<string, LevelCounts>(config.config.windows.filter((w) => w.siteId === site.id).map((w) => [w.id, EMPTY_COUNTS]));
  const byStaff = new Map<string, LevelCounts>(config.config.staff.filter((s) => s.siteId === site.id).map((s) => [s.id, EMPTY_COUNTS]));
  let total: LevelCounts = EMPTY_COUNTS;
  for (const r of rows) {
    const one: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    one[r.score - 1] = r.n;
    byWindow.set(r.window_id, addCounts(byWindow.get(r.window_id) ?? EMPTY_COUNTS, one));
    if (r.staff_id !== '') byStaff.set(r.staff_id, addCounts(byStaff.get(r.staff_id) ?? EMPTY_COUNTS, one));
    total = addCounts(total, one);
  }
  const windows = [...byWindow].map(([id, c]) => row('window', id, windowLabel(config, id), c, vetoes.get(`window:${id}`) ?? null));
  const staff = [...byStaff].map(([id, c]) => row('staff', id, staffLabel(config, id), c, vetoes.get(`staff:${id}`) ?? null));
  return { siteId: site.id, siteName: site.name.zh, month, includeSuspect, windows, staff, total: row('window', '', '合计 Total', total, null) };
}

/**
 * A staff account's month report: its own row, as the total too; no other window or person. Without a row of its
 * own (no staff link, or a person no longer in this hall) the figures are zeros, never the hall's.
 */
export function ownRows(report: MonthReport, user: { role: string; staffId: string | null }): MonthReport {
  if (user.role !== 'staff') return report;
  const mine = report.staff.filter((r) => r.id === user.staffId);
  return { ...report, windows: [], staff: mine, total: mine[0] ?? row('staff', user.staffId ?? '', '合计 Total', EMPTY_COUNTS, null) };
}

export const MONTH_CSV_HEADER = ['月份 month', '类别 subject', '编号 id', '名称 name', '非常不满意 1', '不满意 2', '基本满意 3', '满意 4', '非常满意 5',
  '评价数 ratings', '满意率 satisfaction (>=4)', '好评率 good (>=3)', '差评率 bad (<=2)', '星级 grade', '一票否决 veto'] as const;

const pct = (r: number | null) => (r === null ? '' : (r * 100).toFixed(1) + '%');

/** One CSV line of a month row. */
export function monthCells(month: string, r: MonthRow): (string | number)[] {
  return [month, r.subject === 'window' ? '窗口 window' : '人员 staff', r.id, r.label, ...r.counts, r.total, pct(r.satisfaction), pct(r.good), pct(r.bad), gradeText(r.grade), r.veto ?? ''];
}
