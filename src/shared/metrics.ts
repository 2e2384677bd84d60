/** Counts of ratings per level, index 0 = score 1 … index 4 = score 5. */
export type LevelCounts = readonly [number, number, number, number, number];

export const EMPTY_COUNTS: LevelCounts = [0, 0, 0, 0, 0];

export interface Rates {
  readonly total: number;
  /** 满意率: ratings ≥ 4 / all. null when there are no ratings. */
  readonly satisfaction: number | null;
  /** 好评率: ratings ≥ 3 / all. */
  readonly good: number | null;
  /** 差评率: ratings ≤ 2 / all. */
  readonly bad: number | null;
  readonly badCount: number;
}

export type RateKind = 'satisfaction' | 'good' | 'bad';

export const RATE_LABELS: Record<RateKind, { zh: string; en: string }> = {
  satisfaction: { zh: '满意率', en: 'Satisfaction rate' },
  good: { zh: '好评率', en: 'Good-review rate' },
  bad: { zh: '差评率', en: 'Bad-review rate' },
};

/** Sums level counts. */
export function addCounts(a: LevelCounts, b: LevelCounts): LevelCounts {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4]];
}

/** The three rates of SPEC from counts per level. */
export function rates(c: LevelCounts): Rates {
  const total = c[0] + c[1] + c[2] + c[3] + c[4];
  const badCount = c[0] + c[1];
  if (total === 0) return { total, satisfaction: null, good: null, bad: null, badCount };
  return {
    total,
    satisfaction: (c[3] + c[4]) / total,
    good: (c[2] + c[3] + c[4]) / total,
    bad: badCount / total,
    badCount,
  };
}

/** Formats a rate as a percentage with one decimal, or an em dash when undefined. */
export function formatRate(r: number | null): string {
  return r === null ? '—' : `${(r * 100).toFixed(1)}%`;
}

export interface GradeRules {
  /** Minimum 满意率 for 5, 4, 3, 2 stars; below the last is 1 star. */
  readonly thresholds: readonly [number, number, number, number];
  readonly minRatings: number;
}

export const DEFAULT_GRADE_RULES: GradeRules = { thresholds: [0.98, 0.95, 0.9, 0.8], minRatings: 30 };

export type Grade =
  | { kind: 'stars'; stars: 1 | 2 | 3 | 4 | 5 }
  | { kind: 'insufficient'; total: number; needed: number }
  | { kind: 'vetoed' };

/** 星级 for a period: vetoed by a verified complaint, none under the minimum sample. */
export function starGrade(c: LevelCounts, vetoed: boolean, rules: GradeRules = DEFAULT_GRADE_RULES): Grade {
  if (vetoed) return { kind: 'vetoed' };
  const r = rates(c);
  if (r.total < rules.minRatings || r.satisfaction === null) {
    return { kind: 'insufficient', total: r.total, needed: rules.minRatings };
  }
  const s = r.satisfaction;
  const [t5, t4, t3, t2] = rules.thresholds;
  const stars = s >= t5 ? 5 : s >= t4 ? 4 : s >= t3 ? 3 : s >= t2 ? 2 : 1;
  return { kind: 'stars', stars };
}

/** ★★★☆☆-style text of a grade. */
export function gradeText(g: Grade): string {
  switch (g.kind) {
    case 'stars': return '★'.repeat(g.stars) + '☆'.repeat(5 - g.stars);
    case 'insufficient': return '—';
    case 'vetoed': return '一票否决';
  }
}
