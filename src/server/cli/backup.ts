/**
 * `npm run backup [-- --out file]`: a consistent copy of the live SQLite database, taken with SQLite's
 * online backup API while the endpoint keeps ingesting; checked with integrity_check before it is kept.
 * Restore: stop the endpoint, put the copy at $DATA_DIR/kiosk.sqlite (remove any kiosk.sqlite-wal/-shm), start.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore } from '../store';
import { privateDatabaseFile } from '../store/sqlite/connection';
import { dataDir, NoDatabase } from './open';
import { BACKUPS_FOLDER, privateDataDir } from './data-dir';

export interface BackupResult { file: string; pages: number; ms: number; responses: number; suggestions: number }

/** `kiosk-2026-11-23T22-05-00Z.sqlite` */
export function backupName(now: Date): string {
  return `kiosk-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z.sqlite`;
}

/** Copies the SQLite database `source` to `dest` (written beside it first, renamed once complete and verified). */
export async function backupDatabase(source: string, dest: string): Promise<BackupResult> {
  const t0 = performance.now();
  if (!existsSync(source)) throw new NoDatabase(source); // opening it would make a new, empty one and back that up
  privateDataDir(source); // a backups folder an older version made readable by every local user
  const partial = `${dest}.partial`;
  rmSync(partial, { force: true });
  const live = await openStore({ file: source });
  let pages: number;
  try {
    privateDatabaseFile(partial); // a copy of the same personal data: the service user's alone, as the database
    pages = (await live.maintenance.backupTo(partial)).pages;
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    await live.close();
  }
  const copy = await openStore({ file: partial });
  let counts: { responses: number; suggestions: number };
  try {
    const check = await copy.maintenance.integrityCheck();
    if (check !== 'ok') throw new Error(`the copy failed integrity_check: ${check}`);
    counts = { responses: await copy.tables.count('responses'), suggestions: await copy.tables.count('suggestions') };
  } catch (e) {
    await copy.close();
    rmSync(partial, { force: true });
    throw e;
  }
  await copy.close(); // the last connection checkpoints, so the copy is one self-contained file
  renameSync(partial, dest);
  return { file: dest, pages, ms: performance.now() - t0, ...counts };
}

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) throw new Error('DATABASE_URL is set: back PostgreSQL up with pg_dump instead');
  const i = process.argv.indexOf('--out');
  const out = i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]!) : join(dataDir(), BACKUPS_FOLDER, backupName(new Date()));
  const r = await backupDatabase(join(dataDir(), 'kiosk.sqlite'), out);
  console.log(`Backed up ${r.responses} responses and ${r.suggestions} suggestions (${r.pages} pages) to ${r.file} in ${(r.ms / 1000).toFixed(1)} s; integrity_check ok.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`backup: ${(e as Error).message}`);
    process.exit(e instanceof NoDatabase ? 2 : 1);
  });
}
