import type { Db } from './db/sqlite';

/** Appends one entry to the audit log. */
export function audit(db: Db, actor: string, action: string, detail: Record<string, unknown>, at = Date.now(), address: string | null = null): void {
  db.prepare('INSERT INTO audit (at, actor, action, detail, address) VALUES (?, ?, ?, ?, ?)').run(at, actor, action, JSON.stringify(detail), address);
}
