/** DATA_DIR: the SQLite database, the folders the endpoint's tools make beside it, and keeping them the service user's. */
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where `npm run backup` writes when no --out is given: DATA_DIR/backups. */
export const BACKUPS_FOLDER = 'backups';
/** What the endpoint's tools put beside the database besides backups: `npm run tls` its certificates. */
const TLS_FOLDER = 'tls';

/** What an older version left: folders made with the default umask (0755), backups written 0644. */
const OLD_FOLDER_MODE = 0o755;
const OLD_FILE_MODE = 0o644;
/** A backup `npm run backup` names (`kiosk-2026-11-23T22-05-00Z.sqlite`), or one it was still writing. */
const BACKUP_NAME = /^kiosk-[0-9T:-]+Z\.sqlite(\.partial)?$/;

/**
 * `path` made the service user's alone (0700 or 0600) when it is a real folder or file of that kind in exactly the
 * mode an older version left (`from`); any other mode is the admin's choice (0750 for a backup group), and a symbolic
 * link, a path absent, or one the system will not change (a read-only or network mount) is left as it is.
 */
function tighten(path: string, kind: 'file' | 'folder', from: number): void {
  const s = lstatOrNull(path);
  if (!s || (kind === 'file' ? !s.isFile() : !s.isDirectory()) || (s.mode & 0o777) !== from) return;
  try {
    chmodSync(path, from & 0o700);
  } catch {
    // not ours to change (a read-only or network mount): it stays as the admin made it
  }
}

/**
 * Makes what an older version left in the database's folder readable by the service user alone, as the database file
 * is (privateDatabaseFile): its backups folder (0755 → 0700) and the backups in it (0644 → 0600), and the folder itself
 * (0755 → 0700) when it holds nothing but the endpoint's own files. A backups folder that is another file system (a
 * mounted share, which an off-site copy may read as another user) or a link is left alone, and so is every other mode.
 */
export function privateDataDir(databaseFile: string): void {
  const dir = dirname(databaseFile);
  const folder = lstatOrNull(dir);
  if (!folder?.isDirectory()) return;
  const backups = join(dir, BACKUPS_FOLDER);
  const b = lstatOrNull(backups);
  if (b?.isDirectory() && b.dev === folder.dev) {
    tighten(backups, 'folder', OLD_FOLDER_MODE);
    for (const name of readdirSync(backups)) if (BACKUP_NAME.test(name)) tighten(join(backups, name), 'file', OLD_FILE_MODE);
  }
  const db = basename(databaseFile);
  const own = new Set([db, `${db}-wal`, `${db}-shm`, `${db}-journal`, BACKUPS_FOLDER, TLS_FOLDER]);
  if (readdirSync(dir).every((name) => own.has(name))) tighten(dir, 'folder', OLD_FOLDER_MODE);
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
