/** Text written straight into a Buffer as UTF-8, for writers that fill one buffer a page (xlsx sheets, export lines). */

/** Writes an ASCII string (markup, digits) byte by byte; returns the position after it. */
export function putAscii(b: Buffer, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[at + i] = s.charCodeAt(i);
  return at + s.length;
}

/** Writes text as UTF-8: a plain loop while it is ASCII (most values), the encoder once it is not. */
export function putText(b: Buffer, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return at + b.write(s, at);
    b[at + i] = c;
  }
  return at + s.length;
}

/** Bytes copied in a loop up to this length, by TypedArray#set beyond (measured: a CSV line's short texts are faster in the loop, JSON keys with set). */
const SHORT = 16;

/** Copies `from` to `at`; returns the position after it. */
export function putBytes(b: Uint8Array, at: number, from: Uint8Array): number {
  const n = from.length;
  if (n > SHORT) {
    b.set(from, at);
    return at + n;
  }
  for (let i = 0; i < n; i++) b[at + i] = from[i]!;
  return at + n;
}
