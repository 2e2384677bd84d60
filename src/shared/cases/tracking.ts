/**
 * The citizen's tracking code: 80 random bits in Crockford base32 (16 characters, shown 4-4-4-4).
 * Made on the device at the thank-you screen, so it works offline; the endpoint keeps only its hash.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_RE = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{16}$/;
/** Bits of entropy of a code: 16 characters × 5 bits. */
export const TRACKING_CODE_BITS = 80;

/** A fresh random code (WebCrypto in browsers and in Node). */
export function newTrackingCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(10));
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

/** A code as typed by a person (any case, dashes, spaces, O for 0, I/L for 1), or null. */
export function normalizeTrackingCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return TRACKING_CODE_RE.test(s) ? s : null;
}

/** The code grouped for reading aloud: ABCD-EFGH-JKMN-PQRS. */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
