/** DATA_DIR: the SQLite database, the folders the endpoint's tools make beside it, and keeping them the service user's. */
import { chmodSync, existsSync, lstatSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where `npm run backup` writes when no --out is given: DATA_DIR/backups. */
export const BACKUPS_FOLDER = 'backups';
/** What the endpoint's tools put beside the database besides backups: `npm run tls` its certificates. */
const TLS_FOLDER = 'tls';

/**
 * Takes group and other access away from `path` if it is a real file or folder of that kind, and says whether it is
 * one and ours. A symbolic link is the admin's choice, and a path absent or not ours to change is left as it is.
 */
function tighten(path: string, kind: 'file' | 'folder'): boolean {
  try {
    const s = lstatSync(path);
    if (kind === 'file' ? !s.isFile() : !s.isDirectory()) return false;
    if (s.mode & 0o077) chmodSync(path, s.mode & 0o700);
    return true;
  } catch (e) {
    if (['ENOENT', 'EPERM', 'EACCES'].includes((e as NodeJS.ErrnoException).code ?? '')) return false;
    throw e;
  }
}

/**
 * Makes the database's folder the service user's alone, as the database file is (privateDatabaseFile): its backups
 * folder 0700 and each backup in it 0600, which an older version left readable by every local user, and the folder
 * itself 0700 when it holds nothing but the endpoint's own files (a folder shared with anything else is the admin's
 * to set).
 */
export function privateDataDir(databaseFile: string): void {
  const dir = dirname(databaseFile);
  const backups = join(dir, BACKUPS_FOLDER);
  if (tighten(backups, 'folder')) for (const name of readdirSync(backups)) tighten(join(backups, name), 'file');
  const db = basename(databaseFile);
  const own = new Set([db, `${db}-wal`, `${db}-shm`, `${db}-journal`, BACKUPS_FOLDER, TLS_FOLDER]);
  if (existsSync(dir) && readdirSync(dir).every((name) => own.has(name))) tighten(dir, 'folder');
}
