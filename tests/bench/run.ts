/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in turn (or those named on the command line).
 * Each benchmark prints its own figures as ratios against a baseline measured in the same run, and one GOAL line
 * per goal it measures; the run ends with a table of those goals.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { GOAL_PREFIX, type Goal } from './goal';

const dir = import.meta.dirname;
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).filter((f) => only.length === 0 || only.some((o) => f.includes(o))).sort();

/** Runs one bench, echoing its output and keeping its GOAL lines; resolves with its exit code. */
function runBench(file: string, goals: Goal[]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(dir, file)], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(GOAL_PREFIX)) goals.push(JSON.parse(line.slice(GOAL_PREFIX.length)) as Goal);
      else console.log(line);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

const goals: Goal[] = [];
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  if ((await runBench(f, goals)) !== 0) failed++;
}
const line = (g: Goal, yes: string, no: string) => `${g.met ? yes : no}  ${g.goal}: ${g.figure}; baseline ${g.baseline}; ratio ${g.ratio.toFixed(3)} (target ${g.target})`;
const floors = goals.filter((g) => g.floor);
if (goals.length > floors.length) {
  console.log('\n=== performance goals: figure, baseline from the same run, ratio ===');
  for (const g of goals) if (!g.floor) console.log(line(g, 'met    ', 'NOT met'));
}
if (floors.length > 0) {
  console.log('\n=== stricter floors beside the goals (a cheaper baseline, or another path), same run ===');
  for (const g of floors) console.log(line(g, 'reached', 'below  '));
}
process.exit(failed ? 1 : 0);
