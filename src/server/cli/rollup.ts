/** `npm run rollup [-- --db path]`: recomputes the dashboard roll-ups from the responses table. */
import { resolve } from 'node:path';
import { openExistingStore } from './open';
import { rebuildRollups } from '../stats/rollup';

const i = process.argv.indexOf('--db');
const store = await openExistingStore(i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]!) : undefined);
const t0 = performance.now();
const out = await rebuildRollups(store);
await store.close();
console.log(`Rebuilt the ${store.engine} roll-ups in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${out.daily} daily, ${out.hourly} hourly, ${out.reasons} reason rows.`);
