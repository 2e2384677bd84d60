import { describe, it, expect } from 'vitest';
import { localParts, siteDay, monthRange, wholeMonth, previousMonth, presetRange } from '../../src/shared/time';

describe('day and hour buckets in the site time zone', () => {
  it('a rating at 00:30 Beijing time counts on that day and at hour 0, while UTC is still the day before', () => {
    const ms = Date.parse('2026-11-19T16:30:00Z');
    expect(localParts(ms, 'Asia/Shanghai')).toEqual({ day: '2026-11-20', hour: 0, weekday: 4 });
    expect(siteDay(ms, 'UTC')).toBe('2026-11-19');
  });

  it('the same instant falls on different days and hours in different halls', () => {
    const ms = Date.parse('2026-03-01T03:15:00Z');
    expect(localParts(ms, 'Asia/Shanghai')).toMatchObject({ day: '2026-03-01', hour: 11 });
    expect(localParts(ms, 'America/New_York')).toMatchObject({ day: '2026-02-28', hour: 22, weekday: 5 });
  });

  it('follows daylight saving time where a zone has it', () => {
    // Berlin: 09:00 local is 08:00 UTC in winter and 07:00 UTC in summer.
    expect(localParts(Date.parse('2026-01-15T08:00:00Z'), 'Europe/Berlin').hour).toBe(9);
    expect(localParts(Date.parse('2026-07-15T07:00:00Z'), 'Europe/Berlin').hour).toBe(9);
  });
});

describe('month ranges and date presets', () => {
  it('knows the last day of every month, leap February included', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('recognises a range that is exactly one calendar month', () => {
    expect(wholeMonth('2026-11-01', '2026-11-30')).toBe('2026-11');
    expect(wholeMonth('2026-11-01', '2026-11-29')).toBeNull();
    expect(wholeMonth('2026-10-31', '2026-11-30')).toBeNull();
  });

  it('the month before January is December of the year before', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('presets: today, 7 and 30 days ending today, this month so far, and the whole last month', () => {
    const today = '2026-03-05';
    expect(presetRange('today', today)).toEqual({ from: today, to: today });
    expect(presetRange('7d', today)).toEqual({ from: '2026-02-27', to: today });
    expect(presetRange('30d', today)).toEqual({ from: '2026-02-04', to: today });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: today });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });
});
