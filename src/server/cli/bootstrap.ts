import type { Db } from '../db/sqlite';
import { countUsers, createUser } from '../auth/users';
import { newToken } from '../auth/secrets';
import { audit } from '../audit';

/** First start: creates `admin` with ADMIN_PASSWORD, or a generated password printed once. */
export function ensureAdmin(db: Db, password: string | undefined): void {
  if (countUsers(db) > 0) return;
  const pw = password && password.length > 0 ? password : newToken(12);
  createUser(db, { username: 'admin', password: pw, role: 'admin' });
  audit(db, 'system', 'user_created', { username: 'admin', role: 'admin' });
  if (password) console.log('Created the admin account "admin" with the password from ADMIN_PASSWORD.');
  else console.log(`Created the admin account "admin" with the password: ${pw}\n  (shown once; set ADMIN_PASSWORD before first start to choose it)`);
}
