import type { Store } from '../store';
import { countUsers, createUser } from '../auth/users';
import { newToken } from '../auth/secrets';
import { audit } from '../audit';

/** First start: creates `admin` with ADMIN_PASSWORD, or a generated password printed once and returned (null when none was generated). */
export async function ensureAdmin(store: Store, password: string | undefined): Promise<string | null> {
  if ((await countUsers(store)) > 0) return null;
  const pw = password && password.length > 0 ? password : newToken(12);
  const created = await store.tx(async (t) => {
    if ((await countUsers(t)) > 0) return false; // another process started first
    await createUser(t, { username: 'admin', password: pw, role: 'admin' });
    await audit(t, 'system', 'user_created', { username: 'admin', role: 'admin' });
    return true;
  }).catch(async (e: unknown) => {
    // Several processes starting at once on one PostgreSQL database: one creates the admin, the others see it.
    if ((await countUsers(store)) > 0) return false;
    throw e;
  });
  if (!created) return null;
  if (password) {
    console.log('Created the admin account "admin" with the password from ADMIN_PASSWORD.');
    return null;
  }
  console.log(`Created the admin account "admin" with the password: ${pw}\n  (shown once; set ADMIN_PASSWORD before first start to choose it)`);
  return pw;
}
