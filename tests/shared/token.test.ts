import { describe, it, expect } from 'vitest';
import {
  decodeToken, derivePresenceKey, isExpired, mintPresenceToken, presenceKid, signToken, verifyToken,
  PRESENCE_TTL_SECONDS, type KeyGrant, type TokenClaims,
} from '../../src/shared/token';
import { keyResolver, type KeySources, type KioskKeyFacts } from '../../src/server/qr/keys';
import type { SiteSecret } from '../../src/server/qr/secrets';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const secretA: SiteSecret = { kid: 's.a1', siteId: 'demo', secret: new Uint8Array(32).fill(7) };

function sources(secrets: SiteSecret[], kiosks: KioskKeyFacts[], active: Record<string, SiteSecret> = { demo: secrets[0]! }): KeySources {
  return {
    secretByKid: async (kid) => secrets.find((s) => s.kid === kid) ?? null,
    activeSecret: async (siteId) => active[siteId] ?? null,
    kiosk: async (id) => kiosks.find((k) => k.id === id) ?? null,
  };
}

const poster = (over: Partial<TokenClaims> = {}): TokenClaims => ({ kid: 's.a1', k: 'poster', w: 'w01', iat: T0 / 1000, exp: T0 / 1000 + 86_400, ...over });

describe('QR tokens', () => {
  const keyFor = keyResolver(sources([secretA], []));

  it('a token signed with the site secret verifies and carries its window, kind and case', async () => {
    const t = await signToken(poster({ k: 'case', c: 'BJ-2026-0001' }), secretA.secret);
    const v = await verifyToken(t, { nowMs: T0 + 1000, windowId: 'w01', keyFor });
    expect(v).toEqual({ ok: true, claims: expect.objectContaining({ k: 'case', w: 'w01', c: 'BJ-2026-0001' }) });
  });

  it('an expired token is refused as expired, and the phone can tell so without the key', async () => {
    const t = await signToken(poster({ exp: T0 / 1000 + 60 }), secretA.secret);
    expect(await verifyToken(t, { nowMs: T0 + 61_000, keyFor })).toEqual({ ok: false, reason: 'expired' });
    expect(isExpired(decodeToken(t)!, T0 + 61_000)).toBe(true);
    expect(isExpired(decodeToken(t)!, T0 + 59_000)).toBe(false);
  });

  it('a token for another window is refused as wrong_window', async () => {
    const t = await signToken(poster({ w: 'w02' }), secretA.secret);
    expect(await verifyToken(t, { nowMs: T0, windowId: 'w01', keyFor })).toEqual({ ok: false, reason: 'wrong_window' });
  });

  it('a tampered payload (window changed after signing) fails the signature', async () => {
    const t = await signToken(poster({ w: 'w02' }), secretA.secret);
    const [, sig] = t.split('.');
    const forgedBody = Buffer.from(JSON.stringify(poster({ w: 'w01' }))).toString('base64url');
    expect(await verifyToken(`${forgedBody}.${sig}`, { nowMs: T0, windowId: 'w01', keyFor })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('garbage, a token signed with another key, and an unknown key id are all refused', async () => {
    expect(await verifyToken('not-a-token', { nowMs: T0, keyFor })).toEqual({ ok: false, reason: 'malformed' });
    const wrongKey = await signToken(poster(), new Uint8Array(32).fill(9));
    expect(await verifyToken(wrongKey, { nowMs: T0, keyFor })).toEqual({ ok: false, reason: 'bad_signature' });
    const unknown = await signToken(poster({ kid: 's.zz' }), secretA.secret);
    expect(await verifyToken(unknown, { nowMs: T0, keyFor })).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('after key rotation, tokens signed with the old secret are refused and new ones verify', async () => {
    const old = await signToken(poster(), secretA.secret);
    const secretB: SiteSecret = { kid: 's.b2', siteId: 'demo', secret: new Uint8Array(32).fill(8) };
    const rotated = keyResolver(sources([secretB], [], { demo: secretB })); // the old secret is retired
    expect(await verifyToken(old, { nowMs: T0, keyFor: rotated })).toEqual({ ok: false, reason: 'unknown_key' });
    const fresh = await signToken(poster({ kid: 's.b2' }), secretB.secret);
    expect((await verifyToken(fresh, { nowMs: T0, keyFor: rotated })).ok).toBe(true);
  });
});

describe('presence tokens signed by a kiosk', () => {
  const kiosk: KioskKeyFacts = { id: '0192aaaa-0000-7000-8000-000000000001', siteId: 'demo', windowId: 'w01', revoked: false };

  async function kioskKey(): Promise<{ kid: string; key: Uint8Array }> {
    return { kid: presenceKid(kiosk.id), key: await derivePresenceKey(secretA.secret, kiosk.id, kiosk.windowId) };
  }

  it('a presence token minted offline by the kiosk verifies for ten minutes, and not after', async () => {
    const keyFor = keyResolver(sources([secretA], [kiosk]));
    const t = await mintPresenceToken(await kioskKey(), 'w01', T0);
    expect((await verifyToken(t, { nowMs: T0 + (PRESENCE_TTL_SECONDS - 1) * 1000, windowId: 'w01', keyFor })).ok).toBe(true);
    expect(await verifyToken(t, { nowMs: T0 + PRESENCE_TTL_SECONDS * 1000, windowId: 'w01', keyFor })).toEqual({ ok: false, reason: 'expired' });
  });

  it('a kiosk key cannot sign for another window, another kind, or for longer than ten minutes', async () => {
    const keyFor = keyResolver(sources([secretA], [kiosk]));
    const k = await kioskKey();
    const iat = T0 / 1000;
    const otherWindow = await signToken({ kid: k.kid, k: 'presence', w: 'w02', iat, exp: iat + 600 }, k.key);
    const posterKind = await signToken({ kid: k.kid, k: 'poster', w: 'w01', iat, exp: iat + 600 }, k.key);
    const longLived = await signToken({ kid: k.kid, k: 'presence', w: 'w01', iat, exp: iat + 86_400 }, k.key);
    for (const t of [otherWindow, posterKind, longLived]) {
      expect(await verifyToken(t, { nowMs: T0, keyFor })).toEqual({ ok: false, reason: 'out_of_scope' });
    }
  });

  it('the presence key of a revoked kiosk is refused', async () => {
    const t = await mintPresenceToken(await kioskKey(), 'w01', T0);
    const keyFor = keyResolver(sources([secretA], [{ ...kiosk, revoked: true }]));
    expect(await verifyToken(t, { nowMs: T0, keyFor })).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('rotating the site secret also retires every kiosk presence key', async () => {
    const t = await mintPresenceToken(await kioskKey(), 'w01', T0);
    const secretB: SiteSecret = { kid: 's.b2', siteId: 'demo', secret: new Uint8Array(32).fill(8) };
    const keyFor = keyResolver(sources([secretB], [kiosk], { demo: secretB }));
    expect(await verifyToken(t, { nowMs: T0, keyFor })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('a key grant scoped to presence never verifies a case token even with the right key', async () => {
    const k = await kioskKey();
    const grant: KeyGrant = { key: k.key, scope: { kind: 'presence', windowId: 'w01' } };
    const t = await signToken({ kid: k.kid, k: 'case', w: 'w01', c: 'X1', iat: T0 / 1000, exp: T0 / 1000 + 60 }, k.key);
    expect(await verifyToken(t, { nowMs: T0, keyFor: () => grant })).toEqual({ ok: false, reason: 'out_of_scope' });
  });
});
