/** The five 好差评 levels, stored 1–5, higher is better. */
export type Score = 1 | 2 | 3 | 4 | 5;
export type ScaleSize = 3 | 4 | 5;

export interface Level {
  readonly score: Score;
  readonly zh: string;
  readonly en: string;
  /** GB/T 39046 code: 1 = 非常满意 … 5 = 非常不满意. */
  readonly gbCode: number;
}

export const LEVELS: readonly Level[] = [
  { score: 5, zh: '非常满意', en: 'Very satisfied', gbCode: 1 },
  { score: 4, zh: '满意', en: 'Satisfied', gbCode: 2 },
  { score: 3, zh: '基本满意', en: 'Basically satisfied', gbCode: 3 },
  { score: 2, zh: '不满意', en: 'Dissatisfied', gbCode: 4 },
  { score: 1, zh: '非常不满意', en: 'Very dissatisfied', gbCode: 5 },
];

export function level(score: Score): Level {
  return LEVELS[5 - score]!;
}

/** Faces offered by a site's scale, best first; the stored value stays on the 1–5 axis. */
export function facesFor(size: ScaleSize): readonly Score[] {
  switch (size) {
    case 5: return [5, 4, 3, 2, 1];
    case 4: return [5, 4, 2, 1];
    case 3: return [5, 3, 1];
  }
}

/** 差评: a score of 2 or less. */
export function isBad(score: number): boolean {
  return score <= 2;
}

export function gbCode(score: Score): number {
  return 6 - score;
}
