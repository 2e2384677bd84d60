/**
 * 2026 national holidays and make-up working days of mainland China, as the State Council's
 * notice 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025) ships them.
 */
import { addDays } from '../time';

function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Days off (放假调休) of 2026. */
export const CN_2026_HOLIDAYS: readonly string[] = [
  ...span('2026-01-01', '2026-01-03'), // 元旦
  ...span('2026-02-15', '2026-02-23'), // 春节
  ...span('2026-04-04', '2026-04-06'), // 清明节
  ...span('2026-05-01', '2026-05-05'), // 劳动节
  ...span('2026-06-19', '2026-06-21'), // 端午节
  ...span('2026-09-25', '2026-09-27'), // 中秋节
  ...span('2026-10-01', '2026-10-07'), // 国庆节
];

/** Weekend days worked in 2026 (调休上班). */
export const CN_2026_WORKDAYS: readonly string[] = [
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
];
