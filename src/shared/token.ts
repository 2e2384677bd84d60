/**
 * Signed QR tokens: `base64url(claims JSON).base64url(HMAC-SHA-256)`, made and checked with WebCrypto
 * so the same code runs on the endpoint, on the kiosk offline, and (decode only) on the phone.
 */

/** presence: the kiosk's idle-screen code; poster: printed at the window; case: one service case (一事一评). */
export type TokenKind = 'presence' | 'poster' | 'case';
export const TOKEN_KINDS: readonly TokenKind[] = ['presence', 'poster', 'case'];

/** A presence code is shown for a minute and admits ratings for ten. */
export const PRESENCE_TTL_SECONDS = 600;
export const PRESENCE_ROTATE_SECONDS = 60;

export interface TokenClaims {
  /** Key id: a site secret (`s.<id>`) or one kiosk's presence key (`p.<kioskId>`). */
  kid: string;
  k: TokenKind;
  /** Window id. */
  w: string;
  /** Issued at and expires at, in seconds since the epoch. */
  iat: number;
  exp: number;
  /** Case number (办件编号), case tokens only. */
  c?: string;
  /** A follow-up rating (二次评价) of a rectified case. */
  f?: 1;
  /** Presence tokens: the staff member signed in at the kiosk when it was shown (null: nobody); absent in older tokens. */
  s?: string | null | undefined;
}

export type TokenProblem = 'malformed' | 'unknown_key' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_window' | 'out_of_scope';

export type Verified = { ok: true; claims: TokenClaims } | { ok: false; reason: TokenProblem };

/** What a key may sign: a site secret signs anything; a kiosk's presence key only presence tokens for its window. */
export interface KeyGrant {
  key: Uint8Array;
  scope: { kind: 'any' } | { kind: 'presence'; windowId: string };
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null; // not base64: the caller treats it as malformed
  }
}

async function hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, new Uint8Array(data)));
}

/** Signs claims with a key; the result goes into the `t` parameter of a /q/<windowId> URL. */
export async function signToken(claims: TokenClaims, key: Uint8Array): Promise<string> {
  const body = toBase64Url(enc.encode(JSON.stringify(claims)));
  return `${body}.${toBase64Url(await hmac(key, enc.encode(body)))}`;
}

function isClaims(x: unknown): x is TokenClaims {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return typeof c.kid === 'string' && TOKEN_KINDS.includes(c.k as TokenKind) && typeof c.w === 'string'
    && Number.isInteger(c.iat) && Number.isInteger(c.exp) && (c.c === undefined || typeof c.c === 'string')
    && (c.f === undefined || c.f === 1) && (c.s === undefined || c.s === null || typeof c.s === 'string');
}

/** Reads the claims WITHOUT checking the signature: for the phone to tell an expired code offline, never to trust it. */
export function decodeToken(token: string): TokenClaims | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const bytes = fromBase64Url(body);
  if (!bytes) return null;
  try {
    const claims: unknown = JSON.parse(dec.decode(bytes));
    return isClaims(claims) ? claims : null;
  } catch {
    return null; // not JSON: malformed
  }
}

/** Whether the claims have expired at `nowMs` (what the phone checks before offering a form). */
export function isExpired(claims: TokenClaims, nowMs: number): boolean {
  return Math.floor(nowMs / 1000) >= claims.exp;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0; // constant time: no early exit that leaks how much matched
}

/** Allowed clock difference for a token issued "in the future" (kiosk clocks drift). */
const FUTURE_SLACK_SECONDS = 120;

/**
 * Verifies a token: signature by the key its `kid` names (and what that key may sign), expiry,
 * and, when given, the window the record claims to be for.
 */
export async function verifyToken(
  token: string,
  opts: {
    nowMs: number;
    windowId?: string;
    keyFor: (kid: string) => KeyGrant | null | Promise<KeyGrant | null>;
    /** Still accepted this long after expiry (the endpoint, for ratings made offline while the code was valid). */
    graceMs?: number;
  },
): Promise<Verified> {
  const claims = decodeToken(token);
  if (!claims) return { ok: false, reason: 'malformed' };
  const grant = await opts.keyFor(claims.kid);
  if (!grant) return { ok: false, reason: 'unknown_key' };
  const [body, sig] = token.split('.') as [string, string];
  const given = fromBase64Url(sig);
  if (!given || !sameBytes(given, await hmac(grant.key, enc.encode(body)))) return { ok: false, reason: 'bad_signature' };
  if (grant.scope.kind === 'presence') {
    const s = grant.scope;
    const inScope = claims.k === 'presence' && claims.w === s.windowId && claims.exp - claims.iat <= PRESENCE_TTL_SECONDS && claims.c === undefined;
    if (!inScope) return { ok: false, reason: 'out_of_scope' };
  }
  const now = Math.floor(opts.nowMs / 1000);
  if (claims.iat > now + FUTURE_SLACK_SECONDS) return { ok: false, reason: 'not_yet_valid' };
  if (now >= claims.exp + Math.floor((opts.graceMs ?? 0) / 1000)) return { ok: false, reason: 'expired' };
  if (opts.windowId !== undefined && claims.w !== opts.windowId) return { ok: false, reason: 'wrong_window' };
  return { ok: true, claims };
}

/** The key id of one kiosk's presence key. */
export function presenceKid(kioskId: string): string {
  return `p.${kioskId}`;
}

/**
 * A kiosk's presence key: derived from the site secret and bound to the kiosk and its window, so the
 * endpoint need not store it and a rotated site secret or a moved kiosk invalidates it.
 */
export function derivePresenceKey(siteSecret: Uint8Array, kioskId: string, windowId: string): Promise<Uint8Array> {
  return hmac(siteSecret, enc.encode(`presence\n${kioskId}\n${windowId}`));
}

/**
 * A presence token as the kiosk makes it, every minute, offline; `staffId` (when given, null for nobody) names who is
 * signed in, so a phone rating goes to them.
 */
export function mintPresenceToken(key: { kid: string; key: Uint8Array }, windowId: string, nowMs: number, staffId?: string | null): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  // JSON leaves out an undefined `s`: without a staffId this makes the older code with no claim.
  return signToken({ kid: key.kid, k: 'presence', w: windowId, iat, exp: iat + PRESENCE_TTL_SECONDS, s: staffId }, key.key);
}

/** The staff member a phone rating made with these claims is for: a presence code's signed claim, else the window's. */
export function staffOfCode(claims: TokenClaims, windowStaff: string | null): string | null {
  return claims.k === 'presence' && claims.s !== undefined ? claims.s : windowStaff;
}

/** The phone-survey address a token opens. */
export function surveyUrl(origin: string, windowId: string, token: string): string {
  return `${origin}/q/${encodeURIComponent(windowId)}?t=${encodeURIComponent(token)}`;
}
