/** Pairing codes: an admin picks a window, a tablet redeems the short code once within 15 minutes. */
import { randomInt } from 'node:crypto';
import type { Db } from '../db/sqlite';
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
export function createPairingCode(db: Db, siteId: string, windowId: string, createdBy: string, now: number): PairingCode {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  const expiresAt = now + PAIRING_TTL_MS;
  db.transaction(() => {
    db.prepare('UPDATE pairing_codes SET expires_at = ? WHERE window_id = ? AND used_at IS NULL AND expires_at > ?').run(now, windowId, now);
    db.prepare('INSERT INTO pairing_codes (code_hash, site_id, window_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(tokenHash(code), siteId, windowId, createdBy, now, expiresAt);
  })();
  return { code, siteId, windowId, expiresAt };
}

export type Redeem =
  | { kind: 'ok'; siteId: string; windowId: string }
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'used' };

/** Marks a code used (once only) and says which window it pairs with. */
export function redeemPairingCode(db: Db, input: string, now: number): Redeem {
  const hash = tokenHash(normaliseCode(input));
  const row = db.prepare('SELECT site_id, window_id, expires_at, used_at FROM pairing_codes WHERE code_hash = ?').get(hash) as
    { site_id: string; window_id: string; expires_at: number; used_at: number | null } | undefined;
  if (!row) return { kind: 'unknown' };
  if (row.used_at !== null) return { kind: 'used' };
  if (row.expires_at <= now) return { kind: 'expired' };
  const claimed = db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL').run(now, hash);
  if (claimed.changes !== 1) return { kind: 'used' };
  return { kind: 'ok', siteId: row.site_id, windowId: row.window_id };
}

/** Records which kiosk a redeemed code produced (for the audit trail). */
export function linkCodeToKiosk(db: Db, input: string, kioskId: string): void {
  db.prepare('UPDATE pairing_codes SET kiosk_id = ? WHERE code_hash = ?').run(kioskId, tokenHash(normaliseCode(input)));
}
