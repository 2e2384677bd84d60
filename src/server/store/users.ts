/** User rows as both engines read them: `sites` is kept as JSON text. */
import type { UserRow } from './rows';

/** A users row as selected by `USER_COLS`. */
export type RawUser = Omit<UserRow, 'sites'> & { sites: string };

export const toUser = (r: RawUser): UserRow => ({
  id: r.id, username: r.username, role: r.role, password_hash: r.password_hash, sites: JSON.parse(r.sites) as string[],
  staff_id: r.staff_id, created_at: r.created_at, disabled_at: r.disabled_at,
});

/** The users columns, from a query that calls the table `u`. */
export const USER_COLS = 'u.id, u.username, u.role, u.password_hash, u.sites, u.staff_id, u.created_at, u.disabled_at';
