/** The periods a range is compared with: 环比 (the period just before) and 同比 (the same dates a year earlier). */
import { addDays, daysBetween, monthRange, previousMonth, wholeMonth } from '../time';

export interface Period { readonly from: string; readonly to: string }

/** The same calendar day a year earlier; 29 February becomes 28 February. */
export function yearBefore(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** 环比: the previous month for a whole month, else the same number of days just before. */
export function previousPeriod(p: Period): Period {
  const month = wholeMonth(p.from, p.to);
  if (month) return monthRange(previousMonth(month));
  const days = daysBetween(p.from, p.to).length;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

/** 同比: the same month or the same dates one year earlier. */
export function lastYear(p: Period): Period {
  const month = wholeMonth(p.from, p.to);
  if (month) return monthRange(yearBefore(`${month}-01`).slice(0, 7));
  return { from: yearBefore(p.from), to: yearBefore(p.to) };
}
