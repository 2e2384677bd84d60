import { describe, it, expect } from 'vitest';
import { rates, formatRate, type LevelCounts } from '../../src/shared/metrics';

describe('satisfaction rates', () => {
  // index 0 = score 1 (非常不满意) … index 4 = score 5 (非常满意)
  const counts: LevelCounts = [1, 1, 2, 6, 10];

  it('满意率 counts ratings of 4 and 5 over all ratings', () => {
    expect(rates(counts).satisfaction).toBeCloseTo(16 / 20);
  });

  it('好评率 counts ratings of 3 and above over all ratings', () => {
    expect(rates(counts).good).toBeCloseTo(18 / 20);
  });

  it('差评率 counts ratings of 2 and below over all ratings', () => {
    expect(rates(counts).bad).toBeCloseTo(2 / 20);
    expect(rates(counts).badCount).toBe(2);
  });

  it('a day without ratings has no rate rather than 0%', () => {
    const r = rates([0, 0, 0, 0, 0]);
    expect(r.satisfaction).toBeNull();
    expect(formatRate(r.satisfaction)).toBe('—');
  });

  it('formats a rate as a percentage with one decimal', () => {
    expect(formatRate(0.9234)).toBe('92.3%');
  });
});
