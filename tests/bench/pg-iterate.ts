/**
 * One PostgreSQL baseline pass of export.bench.ts, in a process of its own: pg reads the whole result into memory
 * (a million rows), which is freed with this process rather than by a collection in the bench's process while the
 * export paired with the pass runs. Prints {"rows":…,"ms":…} (the pass alone, timed by pgIterate).
 *
 *   pg-iterate.ts <url> <schema> <site> <from> <to> [comma-separated columns; none: SELECT * as objects]
 */
import { pgIterate } from '../../src/server/store/postgres/baseline';

const [url, schema, site, from, to, columns] = process.argv.slice(2) as [string, string, string, string, string, string | undefined];
console.log(JSON.stringify(await pgIterate(url, schema, site, from, to, columns ? columns.split(',') : undefined)));
