/** `npm run rollup [-- --db path]`: recomputes the dashboard roll-ups from the responses table. */
import { join, resolve } from 'node:path';
import { openDb } from '../db/sqlite';
import { rebuildRollups } from '../stats/rollup';

const i = process.argv.indexOf('--db');
const root = resolve(import.meta.dirname, '../../..');
const file = resolve(i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : join(process.env.DATA_DIR ?? join(root, 'data'), 'kiosk.sqlite'));
const db = openDb(file);
const t0 = performance.now();
const out = rebuildRollups(db);
db.close();
console.log(`Rebuilt the roll-ups of ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${out.daily} daily, ${out.hourly} hourly, ${out.reasons} reason rows.`);
