/**
 * One line per issue-17 goal a bench measures, which `npm run bench` (run.ts) collects into its closing table:
 * the figure, its baseline from the same run, the ratio and whether the target is met.
 */
export interface Goal {
  goal: string;
  figure: string;
  baseline: string;
  ratio: number;
  target: string;
  met: boolean;
}

export const GOAL_PREFIX = 'GOAL ';

export function reportGoal(g: Goal): void {
  console.log(`${GOAL_PREFIX}${JSON.stringify(g)}`);
}
