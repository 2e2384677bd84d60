/** Case times on the case screens are on the hall's clock, whatever the browser's. */
import { describe, expect, it } from 'vitest';
import { dueTime, shortTime } from '../../src/app/dashboard/cases/util';

describe('case times on the hall\'s clock', () => {
  it('a case opened at 01:30 UTC reads 09:30 in a Shanghai hall and 20:30 the day before in a New York hall', () => {
    expect(shortTime('2026-11-24T01:30:00.000Z', 'Asia/Shanghai')).toBe('11/24 09:30');
    expect(shortTime('2026-11-24T01:30:00.000Z', 'America/New_York')).toBe('11/23 20:30');
  });

  it('a deadline, the midnight that ends its last day on the hall\'s clock, reads as that day\'s 23:59 there', () => {
    expect(dueTime('2026-11-25T05:00:00.000Z', 'America/New_York')).toBe('11/24 23:59');
    expect(dueTime('2026-11-24T16:00:00.000Z', 'Asia/Shanghai')).toBe('11/24 23:59');
  });
});
