/** Which key verifies a token: a site secret by its id, or an enrolled kiosk's presence key (derived, window-scoped). */
import type { Areas } from '../store';
import { derivePresenceKey, mintPresenceToken, presenceKid, PRESENCE_TTL_SECONDS, toBase64Url, type KeyGrant } from '../../shared/token';
import { activeSecret, secretByKid, type SiteSecret } from './secrets';

export interface KioskKeyFacts { id: string; siteId: string; windowId: string; revoked: boolean }

/** Where keys come from; the store in the endpoint, plain maps in tests. */
export interface KeySources {
  secretByKid(kid: string): Promise<SiteSecret | null>;
  activeSecret(siteId: string): Promise<SiteSecret | null>;
  kiosk(id: string): Promise<KioskKeyFacts | null>;
}

/** Resolves a token's key id to the key and what it may sign; null for unknown, retired or revoked keys. */
export function keyResolver(src: KeySources): (kid: string) => Promise<KeyGrant | null> {
  return async (kid) => {
    if (kid.startsWith('s.')) {
      const s = await src.secretByKid(kid);
      return s ? { key: s.secret, scope: { kind: 'any' } } : null;
    }
    if (kid.startsWith('p.')) {
      const kiosk = await src.kiosk(kid.slice(2));
      if (!kiosk || kiosk.revoked) return null;
      const secret = await src.activeSecret(kiosk.siteId);
      if (!secret) return null;
      return { key: await derivePresenceKey(secret.secret, kiosk.id, kiosk.windowId), scope: { kind: 'presence', windowId: kiosk.windowId } };
    }
    return null;
  };
}

/** Key sources backed by the endpoint's store. */
export function storeKeySources(store: Pick<Areas, 'qr' | 'kiosks'>): KeySources {
  return {
    secretByKid: (kid) => secretByKid(store, kid),
    activeSecret: (siteId) => activeSecret(store, siteId),
    kiosk: async (id) => {
      const r = await store.kiosks.byId(id);
      return r ? { id: r.id, siteId: r.site_id, windowId: r.window_id, revoked: r.revoked_at !== null } : null;
    },
  };
}

/** What a kiosk receives to sign its own presence codes offline. */
export interface PresenceKey { kid: string; key: string; windowId: string }

export async function presenceKeyFor(secret: SiteSecret, kiosk: { id: string; windowId: string }): Promise<PresenceKey> {
  const key = await derivePresenceKey(secret.secret, kiosk.id, kiosk.windowId);
  return { kid: presenceKid(kiosk.id), key: toBase64Url(key), windowId: kiosk.windowId };
}

/** Presence codes the endpoint signs for one kiosk (no WebCrypto): one a minute in use, room for reloads and reconnects. */
export const PRESENCE_TOKEN_LIMIT = { max: 6, windowMs: 60_000 } as const;

/**
 * A presence token for the kiosk's own window, made as the kiosk makes it (its derived key, kid `p.<kioskId>`,
 * ten minutes): for a kiosk without WebCrypto, so the phone's rating is verified and budgeted exactly the same.
 */
export async function presenceTokenFor(secret: SiteSecret, kiosk: { id: string; windowId: string }, nowMs: number): Promise<{ token: string; expiresAt: number }> {
  const key = await derivePresenceKey(secret.secret, kiosk.id, kiosk.windowId);
  const token = await mintPresenceToken({ kid: presenceKid(kiosk.id), key }, kiosk.windowId, nowMs);
  return { token, expiresAt: (Math.floor(nowMs / 1000) + PRESENCE_TTL_SECONDS) * 1000 };
}
