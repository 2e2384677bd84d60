/**
 * One IndexedDB connection per page (and per service worker) for each database name: every screen,
 * the sync loop and the presence code share it, and nobody closes it while another still uses it.
 */
import { openKioskDb, DB_NAME, type KioskDatabase } from './db';

const open = new Map<string, Promise<KioskDatabase>>();

/** The page's connection to `name`, opened on first use; a failed open is forgotten so the next call retries. */
export function sharedDb(name: string = DB_NAME): Promise<KioskDatabase> {
  let p = open.get(name);
  if (!p) {
    p = openKioskDb(name).then((db) => {
      // Another tab upgrading the schema asks us to let go; the next call opens the new version.
      db.addEventListener('versionchange', () => { db.close(); open.delete(name); });
      db.addEventListener('close', () => { open.delete(name); });
      return db;
    });
    p.catch(() => open.delete(name));
    open.set(name, p);
  }
  return p;
}
