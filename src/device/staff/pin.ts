/** Staff PINs checked on the kiosk itself (WebCrypto PBKDF2), so signing in works offline. */

/** A staff member's PIN verifier, as the endpoint gives it. */
export type { PinVerifier } from '../../shared/staff-wire';
import type { PinVerifier } from '../../shared/staff-wire';

function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** True when `pin` matches the verifier; every byte compared so timing does not tell how close it was. */
export async function pinMatches(pin: string, pinHash: string): Promise<boolean> {
  const parts = pinHash.split('$');
  if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256') return false;
  const iterations = Number(parts[1]);
  const salt = fromBase64Url(parts[2]!);
  const expected = fromBase64Url(parts[3]!);
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, expected.length * 8));
  let diff = bits.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (bits[i] ?? 0) ^ expected[i]!;
  return diff === 0;
}

/** A sign-in answer; `locked` when too many wrong PINs were tried on this kiosk (see lockout.ts). */
/** `unpaired`: the endpoint refused the kiosk's own token (revoked): no PIN can be checked until it is paired again. */
export type SignInResult = { kind: 'ok'; staffId: string } | { kind: 'wrong' } | { kind: 'cannot_verify' } | { kind: 'locked'; until: number } | { kind: 'unpaired' };

/** Checks a staff number and PIN against the verifiers the kiosk holds. */
export async function checkStaffPin(verifiers: readonly PinVerifier[] | null, staffNumber: string, pin: string): Promise<SignInResult> {
  if (!verifiers) return { kind: 'cannot_verify' };
  const v = verifiers.find((x) => x.staffNumber === staffNumber.trim());
  // Hash even for an unknown number, so the answer takes as long either way.
  const ok = await pinMatches(pin, v?.pinHash ?? verifiers[0]?.pinHash ?? 'pbkdf2-sha256$1$AA$AA');
  return v && ok ? { kind: 'ok', staffId: v.staffId } : { kind: 'wrong' };
}
