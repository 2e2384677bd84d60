/**
 * `npm run backup [-- --out file]`: a consistent copy of the live SQLite database, taken with SQLite's
 * online backup API while the endpoint keeps ingesting; checked with integrity_check before it is kept.
 * Restore: stop the endpoint, put the copy at $DATA_DIR/kiosk.sqlite (remove any kiosk.sqlite-wal/-shm), start.
 */
import Database from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BackupResult { file: string; pages: number; ms: number; responses: number; suggestions: number }

/** `kiosk-2026-11-23T22-05-00Z.sqlite` */
export function backupName(now: Date): string {
  return `kiosk-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z.sqlite`;
}

/** Copies `source` to `dest` (written beside it first, renamed when complete and verified). */
export async function backupDatabase(source: string, dest: string): Promise<BackupResult> {
  const t0 = performance.now();
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial`;
  rmSync(partial, { force: true });
  const src = new Database(source, { readonly: true, fileMustExist: true });
  src.pragma('busy_timeout = 5000');
  let pages = 0;
  try {
    // All remaining pages in one step: a copy in small steps restarts whenever ingest writes, and could never finish.
    const r = await src.backup(partial, { progress: ({ totalPages }) => { pages = totalPages; return Math.max(totalPages, 1_000_000); } });
    pages = r.totalPages;
  } finally {
    src.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`backup failed integrity_check: ${String(check)}`);
    copy.pragma('journal_mode = DELETE'); // one self-contained file
    const count = (t: string) => (copy.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const result = { file: dest, pages, ms: performance.now() - t0, responses: count('responses'), suggestions: count('suggestions') };
    copy.close();
    renameSync(partial, dest);
    return result;
  } catch (e) {
    if (copy.open) copy.close();
    rmSync(partial, { force: true });
    throw e;
  }
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '../../..');
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'));
  const i = process.argv.indexOf('--out');
  const out = i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]!) : join(dataDir, 'backups', backupName(new Date()));
  const r = await backupDatabase(join(dataDir, 'kiosk.sqlite'), out);
  console.log(`Backed up ${r.responses} responses and ${r.suggestions} suggestions (${r.pages} pages) to ${r.file} in ${(r.ms / 1000).toFixed(1)} s; integrity_check ok.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`backup: ${(e as Error).message}`);
    process.exit(1);
  });
}
