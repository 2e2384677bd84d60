import { describe, it, expect } from 'vitest';
import { siteDay, localParts, daysBetween, isDay } from '../../src/shared/time';

describe('days in the site time zone', () => {
  it('a rating at 23:30 Beijing time lands on that Beijing day, not the UTC one', () => {
    const ms = Date.parse('2026-11-23T15:30:00Z'); // 23:30 in Asia/Shanghai
    expect(siteDay(ms, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(siteDay(ms, 'UTC')).toBe('2026-11-23');
    const early = Date.parse('2026-11-23T16:30:00Z'); // 00:30 next day in Beijing
    expect(siteDay(early, 'Asia/Shanghai')).toBe('2026-11-24');
    expect(siteDay(early, 'UTC')).toBe('2026-11-23');
  });

  it('gives the local hour and weekday (Monday = 0)', () => {
    const p = localParts(Date.parse('2026-11-23T01:15:00Z'), 'Asia/Shanghai'); // Monday 09:15 in Beijing
    expect(p).toEqual({ day: '2026-11-23', hour: 9, weekday: 0 });
  });

  it('lists every day of a range, both ends included, across a month end', () => {
    expect(daysBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('accepts only real calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('26-2-3')).toBe(false);
  });
});
