/** Staff PINs checked by the endpoint: the same PBKDF2 verifiers as the kiosks hold, hashed off the event loop. */
import { pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Staff } from '../../shared/config';

const pbkdf2Async = promisify(pbkdf2);
// Hashed for an unknown staff number too, so the answer takes as long either way.
const DUMMY = 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
/** Above this a verifier is not one the product made; refusing it keeps a bad config from stalling the endpoint. */
const MAX_ITERATIONS = 2_000_000;

/** True when `pin` matches a `pbkdf2-sha256$iterations$salt$hash` verifier (base64url). */
export async function pinMatchesVerifier(pin: string, pinHash: string): Promise<boolean> {
  const [kind, iter, salt, hash] = pinHash.split('$');
  const iterations = Number(iter);
  if (kind !== 'pbkdf2-sha256' || !salt || !hash || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length === 0) return false;
  const got = await pbkdf2Async(pin.normalize('NFC'), Buffer.from(salt, 'base64url'), iterations, expected.length, 'sha256');
  return timingSafeEqual(got, expected);
}

/** The staff member of `siteId` with this staff number whose PIN this is, or null. */
export async function checkStaffPinOnServer(staff: readonly Staff[], siteId: string, staffNumber: string, pin: string): Promise<Staff | null> {
  const s = staff.find((x) => x.siteId === siteId && x.staffNumber === staffNumber && x.pinHash);
  const ok = await pinMatchesVerifier(pin, s?.pinHash ?? DUMMY);
  return s && ok ? s : null;
}
