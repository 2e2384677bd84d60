/** Branded string ids: a window id can never be passed where a response id is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
export type ResponseId = Brand<string, 'ResponseId'>;
export type SiteId = Brand<string, 'SiteId'>;
export type WindowId = Brand<string, 'WindowId'>;
export type StaffId = Brand<string, 'StaffId'>;
export type DeviceId = Brand<string, 'DeviceId'>;

const HEX = '0123456789abcdef';

/**
 * RFC 9562 UUID version 7: 48-bit Unix milliseconds, then random bits.
 * Time-ordered ids keep B-tree inserts at the right edge of the index.
 * `lastMs`/`counter` make ids made in the same millisecond still sort in creation order.
 */
let lastMs = -1;
let counter = 0;
export function uuidv7(nowMs: number = Date.now(), random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(16);
  let ms = Math.max(nowMs, lastMs);
  if (ms === lastMs) {
    counter = (counter + 1) & 0xfff;
    if (counter === 0) ms += 1; // 4096 ids in one ms: borrow the next ms rather than break ordering
  } else {
    counter = ((bytes[6] ?? 0) << 4 | (bytes[7] ?? 0) >> 4) & 0x7ff; // random start, room to grow
  }
  lastMs = ms;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  let out = '';
  for (let i = 0; i < 16; i++) {
    const b = bytes[i] ?? 0;
    out += HEX[b >> 4]! + HEX[b & 15]!;
    if (i === 3 || i === 5 || i === 7 || i === 9) out += '-';
  }
  return out;
}

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export const UUID_V7_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Milliseconds encoded in a UUID v7. */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
