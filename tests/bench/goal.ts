/**
 * One line per issue-17 goal a bench measures, which `npm run bench` (run.ts) collects into its closing table:
 * the figure, its baseline from the same run, the ratio and whether the target is met.
 *
 * A `floor` is a stricter bar the project holds itself to beside a goal (the same target against a cheaper baseline,
 * or the goal's figure over another path, such as loopback HTTP instead of in process). It is printed in a table of
 * its own after the goals, with whether it reaches the target, so a goal met against the baseline never hides
 * how far the product is from the stricter one.
 */
export interface Goal {
  goal: string;
  figure: string;
  baseline: string;
  ratio: number;
  target: string;
  met: boolean;
  floor?: boolean;
}

export const GOAL_PREFIX = 'GOAL ';

export function reportGoal(g: Goal): void {
  console.log(`${GOAL_PREFIX}${JSON.stringify(g)}`);
}
