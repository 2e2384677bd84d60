import { describe, it, expect } from 'vitest';
import { starGrade, gradeText, rates, addCounts, DEFAULT_GRADE_RULES, type LevelCounts } from '../../src/shared/metrics';

/** Counts with `n` ratings of which `good` are ≥4 (the rest are 2s). */
function sample(n: number, good: number): LevelCounts {
  return [0, n - good, 0, 0, good];
}

describe('星级 star grade of a month', () => {
  it('gives five stars at 98% 满意率 and four just below it', () => {
    expect(starGrade(sample(100, 98), false)).toEqual({ kind: 'stars', stars: 5 });
    expect(starGrade(sample(100, 97), false)).toEqual({ kind: 'stars', stars: 4 });
  });

  it('uses the thresholds 95%, 90% and 80% for four, three and two stars, one star below', () => {
    expect(starGrade(sample(100, 95), false)).toMatchObject({ stars: 4 });
    expect(starGrade(sample(100, 94), false)).toMatchObject({ stars: 3 });
    expect(starGrade(sample(100, 90), false)).toMatchObject({ stars: 3 });
    expect(starGrade(sample(100, 89), false)).toMatchObject({ stars: 2 });
    expect(starGrade(sample(100, 80), false)).toMatchObject({ stars: 2 });
    expect(starGrade(sample(100, 79), false)).toMatchObject({ stars: 1 });
  });

  it('gives no grade under 30 ratings, however good they are', () => {
    expect(starGrade(sample(29, 29), false)).toEqual({ kind: 'insufficient', total: 29, needed: 30 });
    expect(starGrade(sample(30, 30), false)).toEqual({ kind: 'stars', stars: 5 });
    expect(gradeText(starGrade(sample(29, 29), false))).toBe('—');
  });

  it('a verified complaint vetoes the grade (一票否决), even a perfect one', () => {
    const g = starGrade(sample(500, 500), true);
    expect(g).toEqual({ kind: 'vetoed' });
    expect(gradeText(g)).toBe('一票否决');
  });

  it('writes a grade as filled and empty stars', () => {
    expect(gradeText({ kind: 'stars', stars: 3 })).toBe('★★★☆☆');
  });

  it('follows configured thresholds and minimum sample', () => {
    const rules = { thresholds: [0.9, 0.8, 0.7, 0.6] as const, minRatings: 10 };
    expect(starGrade(sample(10, 9), false, rules)).toEqual({ kind: 'stars', stars: 5 });
    expect(starGrade(sample(9, 9), false, rules)).toMatchObject({ kind: 'insufficient' });
    expect(DEFAULT_GRADE_RULES.minRatings).toBe(30);
  });

  it('a 基本满意 (3) counts as good but not as satisfied', () => {
    const r = rates([0, 0, 10, 0, 0]);
    expect(r.satisfaction).toBe(0);
    expect(r.good).toBe(1);
    expect(starGrade([0, 0, 30, 0, 0], false)).toMatchObject({ stars: 1 });
  });

  it('sums counts level by level across days and windows', () => {
    expect(addCounts([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toEqual([6, 6, 6, 6, 6]);
  });
});
