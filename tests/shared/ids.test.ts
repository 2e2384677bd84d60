import { describe, it, expect } from 'vitest';
import { uuidv7, uuidv7Time, UUID_V7_RE } from '../../src/shared/ids';
import { maskPhone, isMobile } from '../../src/shared/phone';

describe('client-made ids', () => {
  it('are UUID version 7 carrying the device time', () => {
    const now = Date.parse('2026-11-23T08:00:00Z');
    const id = uuidv7(now);
    expect(id).toMatch(UUID_V7_RE);
    expect(uuidv7Time(id)).toBe(now);
  });

  it('sort in the order they were made, even within one millisecond', () => {
    const ids = Array.from({ length: 500 }, () => uuidv7(1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(500);
  });
});

describe('phone numbers', () => {
  it('are masked as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138-1234-1234')).toBe('138****1234');
    expect(maskPhone(null)).toBe('');
  });

  it('are accepted only as mainland mobile numbers', () => {
    expect(isMobile('13912345678')).toBe(true);
    expect(isMobile('12912345678')).toBe(false);
    expect(isMobile('1391234567')).toBe(false);
  });
});
