/** Pairing codes: an admin picks a window, a tablet redeems the short code once within 15 minutes. */
import { randomInt } from 'node:crypto';
import type { Areas, Redeem } from '../store';
import { tokenHash } from './secrets';

export const PAIRING_TTL_MS = 15 * 60_000;
// Crockford base32 without I, L, O, U: nothing to misread on a tablet keyboard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 8;

/** Upper-cases and drops spaces and dashes, and reads O as 0 and I/L as 1 as a person might type them. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** `ABCD-EFGH`, as shown to the admin. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export interface PairingCode { code: string; siteId: string; windowId: string; expiresAt: number }

/** Makes a new code for a window; earlier unused codes for the same window stop working. */
export async function createPairingCode(store: Pick<Areas, 'pairing'>, siteId: string, windowId: string, createdBy: string, now: number): Promise<PairingCode> {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  const expiresAt = now + PAIRING_TTL_MS;
  await store.pairing.create({ codeHash: tokenHash(code), siteId, windowId, createdBy, createdAt: now, expiresAt });
  return { code, siteId, windowId, expiresAt };
}

export type { Redeem } from '../store';

/** Marks a code used (once only) and says which window it pairs with. */
export function redeemPairingCode(store: Pick<Areas, 'pairing'>, input: string, now: number): Promise<Redeem> {
  return store.pairing.redeem(tokenHash(normaliseCode(input)), now);
}

/** Records which kiosk a redeemed code produced (for the audit trail). */
export function linkCodeToKiosk(store: Pick<Areas, 'pairing'>, input: string, kioskId: string): Promise<void> {
  return store.pairing.link(tokenHash(normaliseCode(input)), kioskId);
}
