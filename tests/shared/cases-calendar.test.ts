import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { addWorkingDays, deadlineAfter, dueState, isWorkingDay, startOfLocalDay, workingDaysBetween, workingMsBetween, type WorkCalendar } from '../../src/shared/cases/calendar';
import { CalendarSchema } from '../../src/shared/cases/config';
import { CN_2026_HOLIDAYS, CN_2026_WORKDAYS } from '../../src/shared/cases/holidays-cn';

const cn2026: WorkCalendar = v.parse(CalendarSchema, {});
const plain: WorkCalendar = { weekend: [6, 7], holidays: [], workdays: [] };
const SH = 'Asia/Shanghai';
/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => Date.parse(`${local}+08:00`);

describe('the 2026 calendar shipped with the demo', () => {
  it('lists the State Council notice: 33 days off and 6 make-up working days', () => {
    expect(CN_2026_HOLIDAYS).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(CN_2026_WORKDAYS).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('is the default calendar of a hall that lists none', () => {
    expect(cn2026.holidays).toContain('2026-02-17');
    expect(cn2026.workdays).toContain('2026-09-20');
    expect(cn2026.weekend).toEqual([6, 7]);
  });

  it('works on make-up Saturdays and Sundays and rests on holiday weekdays', () => {
    expect(isWorkingDay('2026-01-04', cn2026)).toBe(true); // Sunday 调休上班
    expect(isWorkingDay('2026-02-14', cn2026)).toBe(true); // Saturday 调休上班
    expect(isWorkingDay('2026-02-16', cn2026)).toBe(false); // Monday in 春节
    expect(isWorkingDay('2026-10-05', cn2026)).toBe(false); // Monday in 国庆
    expect(isWorkingDay('2026-11-21', cn2026)).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2026-11-23', cn2026)).toBe(true); // an ordinary Monday
  });

  it('refuses a listed day that is not written YYYY-MM-DD', () => {
    expect(v.safeParse(CalendarSchema, { holidays: ['2026-13-01'] }).success).toBe(false);
    expect(v.safeParse(CalendarSchema, { workdays: ['2026-2-14'] }).success).toBe(false);
  });
});

describe('working-day arithmetic', () => {
  it('skips the weekend: one working day after a Friday is the Monday', () => {
    expect(addWorkingDays('2026-11-20', 1, plain)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-20', 3, plain)).toBe('2026-11-25');
  });

  it('does not count the day of receipt, even when received on a weekend', () => {
    expect(addWorkingDays('2026-11-21', 1, plain)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-22', 3, plain)).toBe('2026-11-25');
  });

  it('jumps over the Spring Festival and counts its make-up Saturdays', () => {
    // Friday 13 Feb; Saturday 14 Feb is worked, then 15–23 Feb are off.
    expect(addWorkingDays('2026-02-13', 1, cn2026)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2, cn2026)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-13', 7, cn2026)).toBe('2026-03-02'); // 24,25,26,27, Sat 28 worked, 2 Mar
    expect(addWorkingDays('2026-02-13', 6, cn2026)).toBe('2026-02-28');
  });

  it('runs through the National Day week to the make-up Saturday after it', () => {
    expect(addWorkingDays('2026-09-30', 1, cn2026)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cn2026)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-19', 1, cn2026)).toBe('2026-09-20'); // Sunday worked before 中秋/国庆
  });

  it('counts working days between two days the same way', () => {
    expect(workingDaysBetween('2026-02-13', '2026-03-02', cn2026)).toBe(7);
    expect(workingDaysBetween('2026-11-20', '2026-11-20', plain)).toBe(0);
  });
});

describe('deadlines in the hall\'s time zone', () => {
  it('a general case received on Friday afternoon is due at the end of Wednesday, Shanghai time', () => {
    const d = deadlineAfter(sh('2026-11-20T16:30:00'), 3, plain, SH);
    expect(d.day).toBe('2026-11-25');
    expect(new Date(d.at).toISOString()).toBe('2026-11-25T16:00:00.000Z'); // Thursday 00:00 in Shanghai
  });

  it('uses the site-local day: 23:30 UTC on Friday is already Saturday in Shanghai', () => {
    const friUtc = Date.parse('2026-11-20T23:30:00Z');
    expect(deadlineAfter(friUtc, 1, plain, SH).day).toBe('2026-11-23');
    expect(deadlineAfter(friUtc, 1, plain, 'Europe/London').day).toBe('2026-11-23');
    const thuUtc = Date.parse('2026-11-19T17:00:00Z'); // Friday 01:00 in Shanghai, Thursday in London
    expect(deadlineAfter(thuUtc, 1, plain, SH).day).toBe('2026-11-23');
    expect(deadlineAfter(thuUtc, 1, plain, 'Europe/London').day).toBe('2026-11-20');
  });

  it('finds local midnight across a daylight-saving change', () => {
    expect(new Date(startOfLocalDay('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-03-30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-11-01', 'America/New_York')).toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('is due today on its last day, overdue from the next local midnight, done once met', () => {
    const due = deadlineAfter(sh('2026-11-20T10:00:00'), 1, plain, SH).at; // end of Monday 23 Nov
    expect(dueState(due, sh('2026-11-21T10:00:00'), SH)).toBe('due_later');
    expect(dueState(due, sh('2026-11-23T00:00:00'), SH)).toBe('due_today');
    expect(dueState(due, sh('2026-11-23T23:59:59'), SH)).toBe('due_today');
    expect(dueState(due, sh('2026-11-24T00:00:00'), SH)).toBe('overdue');
    expect(dueState(due, sh('2026-11-30T00:00:00'), SH, sh('2026-11-23T09:00:00'))).toBe('done');
  });
});

describe('working hours between two instants (the "due within 4 working hours" alert)', () => {
  const H = 3_600_000;
  const hours = { open: '09:00', close: '17:00' };
  const shanghai = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`);

  it('counts only opening hours: Friday 15:00 to Monday 11:00 is 2 h on Friday and 2 h on Monday', () => {
    // 2026-11-27 is a Friday, 2026-11-30 a Monday.
    expect(workingMsBetween(shanghai('2026-11-27', '15:00'), shanghai('2026-11-30', '11:00'), plain, 'Asia/Shanghai', hours)).toBe(4 * H);
  });

  it('skips a public holiday and counts a make-up working Sunday', () => {
    const cn: WorkCalendar = { weekend: [6, 7], holidays: CN_2026_HOLIDAYS, workdays: CN_2026_WORKDAYS };
    // 2026-10-01 … 10-07 are off (国庆); Wednesday 2026-09-30 16:00 → Thursday 10-08 10:00 is 1 h + 1 h.
    expect(workingMsBetween(shanghai('2026-09-30', '16:00'), shanghai('2026-10-08', '10:00'), cn, 'Asia/Shanghai', hours)).toBe(2 * H);
    // A make-up working day (调休上班) in that calendar counts like any working day.
    const makeUp = CN_2026_WORKDAYS[0]!;
    expect(workingMsBetween(shanghai(makeUp, '08:00'), shanghai(makeUp, '18:00'), cn, 'Asia/Shanghai', hours)).toBe(8 * H);
  });

  it('a night before a deadline counts nothing, and counting stops past the cap', () => {
    expect(workingMsBetween(shanghai('2026-11-24', '18:00'), shanghai('2026-11-25', '08:59'), plain, 'Asia/Shanghai', hours)).toBe(0);
    const far = workingMsBetween(shanghai('2026-01-05', '09:00'), shanghai('2026-12-31', '17:00'), plain, 'Asia/Shanghai', hours, 4 * H);
    expect(far).toBeGreaterThan(4 * H);
    expect(far).toBeLessThanOrEqual(4 * H + 8 * H);
  });
});
