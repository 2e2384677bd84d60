import { describe, it, expect } from 'vitest';
import { scryptSync, randomBytes } from 'node:crypto';
import { hashPasswordAsync, verifyPasswordAsync, needsRehash, PASSWORD_COST } from '../../src/server/auth/secrets';

/** A hash as the previous release stored it (N = 2^14). */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$16384$8$1$${salt.toString('base64url')}$${scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64url')}`;
}

describe('password hashing cost', () => {
  it('new passwords are hashed at the OWASP minimum for scrypt (N = 2^17, r = 8, p = 1)', async () => {
    const stored = await hashPasswordAsync('correct horse battery');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
    expect(PASSWORD_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(await verifyPasswordAsync('correct horse battery', stored)).toBe(true);
    expect(await verifyPasswordAsync('wrong horse battery', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  }, 20_000);

  it('a password stored at the old cost still signs in and is marked for rehashing', async () => {
    const stored = oldHash('an older password');
    expect(await verifyPasswordAsync('an older password', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(true);
  });

  it('a stored hash with absurd parameters is refused rather than run', async () => {
    expect(await verifyPasswordAsync('x', 'scrypt$1e300$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPasswordAsync('x', 'not-a-hash')).toBe(false);
  });
});
